package io.wharf.registry.client;

import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import java.util.List;

/**
 * What a reference resolved to: the image manifest for {@code linux/amd64}, verified, and
 * the blobs it names. Immutable apart from the {@code manifest} array, which callers must
 * not change.
 *
 * @param ref the reference as resolved: its tag (if any) and the digest the registry holds
 *     it under, which is the index's digest for a multi-platform image, as Docker records in
 *     {@code RepoDigests} and prints as {@code Digest:}
 * @param mediaType the manifest's media type (OCI or Docker schema 2)
 * @param manifestDigest the digest of {@code manifest}, the platform's manifest
 * @param manifest the manifest's bytes as received
 * @param config the image configuration blob
 * @param layers the layer blobs, base first
 */
public record ResolvedImage(
    ImageReference ref, String mediaType, Digest manifestDigest, byte[] manifest, Descriptor config, List<Descriptor> layers) {
  public ResolvedImage {
    layers = List.copyOf(layers);
  }
}
