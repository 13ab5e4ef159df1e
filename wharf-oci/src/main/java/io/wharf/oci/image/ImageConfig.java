package io.wharf.oci.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The OCI image configuration ({@code application/vnd.oci.image.config.v1+json}, also
 * Docker's {@code application/vnd.docker.container.image.v1+json}). Its sha256 is the image
 * ID. {@code created} stays a string: an image's bytes are kept as given and never
 * re-serialised, so the digest never changes. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageConfig(
    @JsonProperty("created") String created,
    @JsonProperty("author") String author,
    @JsonProperty("architecture") String architecture,
    @JsonProperty("os") String os,
    @JsonProperty("variant") String variant,
    @JsonProperty("config") ContainerConfig config,
    @JsonProperty("rootfs") RootFs rootfs,
    @JsonProperty("history") List<History> history) {

  /** {@code rootfs}: the layer diff IDs (sha256 of the uncompressed tars), bottom first. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RootFs(
      @JsonProperty("type") String type,
      @JsonProperty("diff_ids") List<String> diffIds) {}

  /** One {@code history} entry; {@code empty_layer} entries have no diff ID. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record History(
      @JsonProperty("created") String created,
      @JsonProperty("created_by") String createdBy,
      @JsonProperty("author") String author,
      @JsonProperty("comment") String comment,
      @JsonProperty("empty_layer") Boolean emptyLayer) {}
}
