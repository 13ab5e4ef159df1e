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
    @JsonProperty("StdinOnce") Boolean stdinOnce,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("StopSignal") String stopSignal,
    @JsonProperty("StopTimeout") Integer stopTimeout,
    @JsonProperty("HostConfig") HostConfig hostConfig) {

  /** The host side of the config, as far as this engine reads it. */
  public record HostConfig(
      @JsonProperty("AutoRemove") Boolean autoRemove,
      @JsonProperty("Init") Boolean init,
      @JsonProperty("ReadonlyRootfs") Boolean readonlyRootfs,
      @JsonProperty("Privileged") Boolean privileged,
      @JsonProperty("CapAdd") List<String> capAdd,
      @JsonProperty("CapDrop") List<String> capDrop,
      @JsonProperty("SecurityOpt") List<String> securityOpt,
      @JsonProperty("ShmSize") Long shmSize,
      @JsonProperty("Runtime") String runtime) {}
}
