package io.wharf.oci.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An OCI runtime bundle's {@code config.json} (runtime-spec 1.0), the parts Wharf sets.
 * Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Spec(
    @JsonProperty("ociVersion") String ociVersion,
    @JsonProperty("process") Process process,
    @JsonProperty("root") Root root,
    @JsonProperty("hostname") String hostname,
    @JsonProperty("mounts") List<Mount> mounts,
    @JsonProperty("linux") Linux linux,
    @JsonProperty("annotations") Map<String, String> annotations) {

  /** The container's process. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Process(
      @JsonProperty("terminal") boolean terminal,
      @JsonProperty("user") User user,
      @JsonProperty("args") List<String> args,
      @JsonProperty("env") List<String> env,
      @JsonProperty("cwd") String cwd,
      @JsonProperty("capabilities") Capabilities capabilities,
      @JsonProperty("noNewPrivileges") boolean noNewPrivileges,
      @JsonProperty("oomScoreAdj") Integer oomScoreAdj,
      @JsonProperty("rlimits") List<Map<String, Object>> rlimits) {}

  /** Numeric user and groups the process runs as. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record User(
      @JsonProperty("uid") long uid,
      @JsonProperty("gid") long gid,
      @JsonProperty("additionalGids") List<Long> additionalGids) {}

  /** Capability sets, names as {@code CAP_CHOWN}. */
  public record Capabilities(
      @JsonProperty("bounding") List<String> bounding,
      @JsonProperty("effective") List<String> effective,
      @JsonProperty("permitted") List<String> permitted) {}

  /** The root file system of the bundle. */
  public record Root(@JsonProperty("path") String path, @JsonProperty("readonly") boolean readonly) {}

  /** The Linux-specific part. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Linux(
      @JsonProperty("namespaces") List<Namespace> namespaces,
      @JsonProperty("maskedPaths") List<String> maskedPaths,
      @JsonProperty("readonlyPaths") List<String> readonlyPaths,
      @JsonProperty("resources") Map<String, Object> resources,
      @JsonProperty("cgroupsPath") String cgroupsPath,
      @JsonProperty("seccomp") Seccomp seccomp,
      @JsonProperty("devices") List<Map<String, Object>> devices) {}

  /** A namespace to create ({@code path} null) or to join. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Namespace(@JsonProperty("type") String type, @JsonProperty("path") String path) {}
}
