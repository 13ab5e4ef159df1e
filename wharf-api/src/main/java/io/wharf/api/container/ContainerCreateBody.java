package io.wharf.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /containers/create}: the container's config with its
 * {@code HostConfig}. Every field may be null (docker-java sends many nulls); unknown keys are
 * ignored.
 */
public record ContainerCreateBody(
    @JsonProperty("Image") String image,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Entrypoint") List<String> entrypoint,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("User") String user,
    @JsonProperty("Hostname") String hostname,
    @JsonProperty("Tty") Boolean tty,
    @JsonProperty("OpenStdin") Boolean openStdin,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("HostConfig") HostConfig hostConfig) {

  /** The host side of the config; this engine reads {@code AutoRemove} so far. */
  public record HostConfig(@JsonProperty("AutoRemove") Boolean autoRemove) {}
}
