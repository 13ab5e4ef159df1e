package io.wharf.engine.state;

import io.wharf.oci.Digest;

/** One layer of an image: its diff ID (also its blob's digest), chain ID and unpacked size. */
public record LayerRow(Digest diffId, Digest chainId, long size) {}
