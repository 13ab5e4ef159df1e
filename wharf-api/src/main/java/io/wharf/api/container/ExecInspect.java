package io.wharf.api.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer of {@code GET /exec/{id}/json}; {@code ExitCode} is null while it has not exited. */
public record ExecInspect(
    @JsonProperty("ID") String id,
    @JsonProperty("Running") boolean running,
    @JsonProperty("ExitCode") @JsonInclude(JsonInclude.Include.ALWAYS) Integer exitCode,
    @JsonProperty("ProcessConfig") ProcessConfig processConfig,
    @JsonProperty("OpenStdin") boolean openStdin,
    @JsonProperty("OpenStderr") boolean openStderr,
    @JsonProperty("OpenStdout") boolean openStdout,
    @JsonProperty("CanRemove") boolean canRemove,
    @JsonProperty("ContainerID") String containerId,
    @JsonProperty("DetachKeys") String detachKeys,
    @JsonProperty("Pid") long pid) {

  /** The exec'd process. */
  public record ProcessConfig(
      @JsonProperty("tty") boolean tty,
      @JsonProperty("entrypoint") String entrypoint,
      @JsonProperty("arguments") List<String> arguments,
      @JsonProperty("privileged") boolean privileged,
      @JsonProperty("user") String user) {}
}
