package io.wharf.api.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** {@code GET /images/{name}/json}. {@code Created} is RFC 3339 with nanoseconds. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImageInspect(
    String id,
    List<String> repoTags,
    List<String> repoDigests,
    String parent,
    String comment,
    String created,
    String dockerVersion,
    String author,
    ContainerConfig config,
    String architecture,
    @JsonInclude(JsonInclude.Include.NON_NULL) String variant,
    String os,
    long size,
    GraphDriver graphDriver,
    RootFs rootFS,
    Metadata metadata) {

  /** The graph driver and its directories. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record GraphDriver(String name, Map<String, String> data) {}

  /** The layers' diff IDs, bottom first. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record RootFs(String type, List<String> layers) {}

  /** When the image was last tagged. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Metadata(String lastTagTime) {}

  /** The image's container config as Docker shows it, every key present. */
  public record ContainerConfig(
      @JsonProperty("Hostname") String hostname,
      @JsonProperty("Domainname") String domainname,
      @JsonProperty("User") String user,
      @JsonProperty("AttachStdin") boolean attachStdin,
      @JsonProperty("AttachStdout") boolean attachStdout,
      @JsonProperty("AttachStderr") boolean attachStderr,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
      @JsonProperty("Tty") boolean tty,
      @JsonProperty("OpenStdin") boolean openStdin,
      @JsonProperty("StdinOnce") boolean stdinOnce,
      @JsonProperty("Env") List<String> env,
      @JsonProperty("Cmd") List<String> cmd,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("Healthcheck") Map<String, Object> healthcheck,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("ArgsEscaped") Boolean argsEscaped,
      @JsonProperty("Image") String image,
      @JsonProperty("Volumes") Map<String, Object> volumes,
      @JsonProperty("WorkingDir") String workingDir,
      @JsonProperty("Entrypoint") List<String> entrypoint,
      @JsonProperty("OnBuild") List<String> onBuild,
      @JsonProperty("Labels") Map<String, String> labels,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("StopSignal") String stopSignal,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("Shell") List<String> shell) {}
}
