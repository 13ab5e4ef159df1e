package io.wharf.engine.state;

import java.time.Instant;

/**
 * One build-cache entry: the digest of a step's cache key, the image the step made, what the
 * step was ({@code RUN echo hi}), the bytes of the layer it added, and its use.
 */
public record BuildCacheRow(String key, String imageId, String description, long size, Instant created,
    Instant lastUsed, int usageCount) {}
