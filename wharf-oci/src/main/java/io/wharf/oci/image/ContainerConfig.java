package io.wharf.oci.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The {@code config} object of an image configuration: the defaults a container of the
 * image starts with. Keys are capitalised as Docker and the OCI spec write them. Maps of
 * "sets" ({@code ExposedPorts}, {@code Volumes}) have empty objects as values. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerConfig(
    @JsonProperty("User") String user,
    @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("Entrypoint") List<String> entrypoint,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Volumes") Map<String, Object> volumes,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("StopSignal") String stopSignal,
    @JsonProperty("ArgsEscaped") Boolean argsEscaped,
    @JsonProperty("Healthcheck") Map<String, Object> healthcheck,
    @JsonProperty("OnBuild") List<String> onBuild,
    @JsonProperty("Shell") List<String> shell) {

  /** A config with nothing set. */
  public static ContainerConfig empty() {
    return new ContainerConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
