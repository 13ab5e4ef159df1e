package io.wharf.engine.image;

import java.util.List;

/** What an image prune removed and how many bytes of layers it freed. */
public record PruneReport(List<ImageDeletion> deleted, long spaceReclaimed) {}
