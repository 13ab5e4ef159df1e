package io.wharf.engine.image;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code docker history}, newest first.
 *
 * @param id the image ID for the row of an image in the local store, else {@code <missing>}
 * @param created when the step ran
 * @param createdBy the command of the step
 * @param tags the familiar tags of the image of that row, if any
 * @param size the uncompressed size of the layer the step made, 0 for empty layers
 * @param comment the step's comment
 */
public record HistoryEntry(String id, Instant created, String createdBy, List<String> tags, long size, String comment) {}
