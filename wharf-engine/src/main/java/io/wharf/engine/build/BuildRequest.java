package io.wharf.engine.build;

import java.util.List;
import java.util.Map;

/**
 * What {@code docker build} asks for, in engine terms (the classic builder's query parameters).
 *
 * @param dockerfile the Dockerfile's path inside the context ({@code Dockerfile} when null or empty)
 * @param tags {@code repo[:tag]} names for the result
 * @param buildArgs {@code --build-arg} values; a null value means "declared without one"
 * @param target the stage to stop at ({@code --target}), or null for the last
 * @param noCache build every step again ({@code --no-cache})
 * @param labels labels added to the result's config ({@code --label})
 * @param quiet print only the image ID at the end ({@code -q})
 * @param networkMode the network of RUN steps ({@code --network}), or null for the default
 * @param forceRemove remove intermediate containers even after a failed step ({@code --force-rm});
 *     Wharf always removes them after a successful one, as Docker's default {@code --rm} does
 * @param pull pull every base image even when it is here ({@code --pull}); a missing one is
 *     always pulled
 * @param registryCredentials credentials for the registries of base images ({@code X-Registry-Config})
 */
public record BuildRequest(String dockerfile, List<String> tags, Map<String, String> buildArgs, String target,
    boolean noCache, Map<String, String> labels, boolean quiet, String networkMode, boolean forceRemove, boolean pull,
    io.wharf.registry.client.Credentials registryCredentials) {

  public BuildRequest {
    dockerfile = dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile;
    tags = tags == null ? List.of() : List.copyOf(tags);
    buildArgs = buildArgs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buildArgs));
    labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    registryCredentials = registryCredentials == null ? io.wharf.registry.client.Credentials.none() : registryCredentials;
  }
}
