package io.wharf.oci.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.wharf.oci.Digest;
import java.util.List;
import java.util.Map;

/** An OCI content descriptor: what a blob is, its digest and size. Immutable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Descriptor(
    @JsonProperty("mediaType") String mediaType,
    @JsonProperty("digest") Digest digest,
    @JsonProperty("size") long size,
    @JsonProperty("annotations") Map<String, String> annotations,
    @JsonProperty("platform") Platform platform,
    @JsonProperty("urls") List<String> urls) {

  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, null, null, null);
  }

  public Descriptor withAnnotations(Map<String, String> newAnnotations) {
    return new Descriptor(mediaType, digest, size, newAnnotations, platform, urls);
  }
}
