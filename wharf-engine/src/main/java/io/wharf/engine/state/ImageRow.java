package io.wharf.engine.state;

import io.wharf.oci.Digest;
import java.time.Instant;
import java.util.List;

/**
 * An image as recorded: its ID, parent, total layer size, when it was last tagged, its layers
 * (bottom first), canonical tags and repo digests.
 */
public record ImageRow(Digest id, Digest parent, long size, Instant lastTagTime, List<LayerRow> layers,
    List<String> tags, List<String> repoDigests) {}
