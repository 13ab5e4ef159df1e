package io.wharf.engine.image;

import io.wharf.oci.Digest;
import io.wharf.oci.image.ImageConfig;
import java.time.Instant;
import java.util.List;

/**
 * An image as the engine knows it.
 *
 * @param id the digest of the image configuration (Docker's image ID)
 * @param repoTags familiar references, as Docker shows them ({@code busybox:latest},
 *     {@code localhost:5000/app:1}); empty for a dangling image
 * @param repoDigests familiar {@code name@sha256:…} references of manifests pushed or pulled
 * @param parent the image this one was built on locally, or null
 * @param created the configuration's {@code created} time (epoch when absent)
 * @param size the sum of the uncompressed sizes of its layers, in bytes
 * @param config the parsed image configuration
 * @param configBytes the configuration exactly as stored (its sha256 is {@code id})
 * @param lastTagTime when a tag was last pointed at it, or null
 */
public record Image(
    Digest id,
    List<String> repoTags,
    List<String> repoDigests,
    Digest parent,
    Instant created,
    long size,
    ImageConfig config,
    byte[] configBytes,
    Instant lastTagTime) {

  /** The chain IDs of its layers, bottom first: the snapshots its root file system stacks. */
  public List<Digest> chainIds() {
    List<Digest> chain = new java.util.ArrayList<>();
    Digest below = null;
    for (String diffId : config.rootfs().diffIds()) {
      below = io.wharf.engine.snapshot.Snapshotter.chainId(below, Digest.parse(diffId));
      chain.add(below);
    }
    return chain;
  }
}
