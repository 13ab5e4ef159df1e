package io.wharf.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** {@code GET /containers/{id}/json}, the parts this engine has so far. */
public record ContainerInspect(
    @JsonProperty("Id") String id,
    @JsonProperty("Created") String created,
    @JsonProperty("Path") String path,
    @JsonProperty("Args") List<String> args,
    @JsonProperty("State") State state,
    @JsonProperty("Image") String image,
    @JsonProperty("LogPath") String logPath,
    @JsonProperty("Name") String name,
    @JsonProperty("RestartCount") int restartCount,
    @JsonProperty("Driver") String driver,
    @JsonProperty("Platform") String platform,
    @JsonProperty("Config") Config config,
    @JsonProperty("HostConfig") Map<String, Object> hostConfig,
    @JsonProperty("Mounts") List<Object> mounts,
    @JsonProperty("NetworkSettings") Map<String, Object> networkSettings) {

  /** {@code State}. */
  public record State(
      @JsonProperty("Status") String status,
      @JsonProperty("Running") boolean running,
      @JsonProperty("Paused") boolean paused,
      @JsonProperty("Restarting") boolean restarting,
      @JsonProperty("OOMKilled") boolean oomKilled,
      @JsonProperty("Dead") boolean dead,
      @JsonProperty("Pid") long pid,
      @JsonProperty("ExitCode") int exitCode,
      @JsonProperty("Error") String error,
      @JsonProperty("StartedAt") String startedAt,
      @JsonProperty("FinishedAt") String finishedAt,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
      @JsonProperty("Health") Map<String, Object> health) {}

  /** {@code Config}. */
  public record Config(
      @JsonProperty("Hostname") String hostname,
      @JsonProperty("User") String user,
      @JsonProperty("AttachStdin") boolean attachStdin,
      @JsonProperty("AttachStdout") boolean attachStdout,
      @JsonProperty("AttachStderr") boolean attachStderr,
      @JsonProperty("Tty") boolean tty,
      @JsonProperty("OpenStdin") boolean openStdin,
      @JsonProperty("Env") List<String> env,
      @JsonProperty("Cmd") List<String> cmd,
      @JsonProperty("Image") String image,
      @JsonProperty("WorkingDir") String workingDir,
      @JsonProperty("Labels") Map<String, String> labels,
      @JsonProperty("Entrypoint") List<String> entrypoint,
      @JsonProperty("StdinOnce") boolean stdinOnce,
      @JsonProperty("StopSignal") String stopSignal,
      @JsonProperty("StopTimeout") Integer stopTimeout) {}
}
