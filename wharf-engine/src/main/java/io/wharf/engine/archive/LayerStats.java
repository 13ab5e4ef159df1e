package io.wharf.engine.archive;

import io.wharf.oci.Digest;

/**
 * What extracting a layer found.
 *
 * @param diffId the sha256 of the uncompressed layer tar, byte for byte
 * @param size the sum of the sizes of its regular files
 */
public record LayerStats(Digest diffId, long size) {}
