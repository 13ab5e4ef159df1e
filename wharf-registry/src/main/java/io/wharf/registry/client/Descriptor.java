package io.wharf.registry.client;

import io.wharf.oci.Digest;
import java.util.List;
import java.util.Objects;

/**
 * A blob as a manifest names it: media type, digest, size, and the URLs of a foreign layer
 * (empty for ordinary blobs). Immutable.
 */
public record Descriptor(String mediaType, Digest digest, long size, List<String> urls) {
  public Descriptor {
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for blob " + digest);
    }
    urls = urls == null ? List.of() : List.copyOf(urls);
  }

  /** A descriptor without foreign URLs. */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, List.of());
  }

  static Descriptor from(io.wharf.oci.image.Descriptor descriptor) {
    return new Descriptor(descriptor.mediaType(), descriptor.digest(), descriptor.size(), descriptor.urls());
  }
}
