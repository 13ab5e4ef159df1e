package io.wharf.api.image;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** One row of {@code GET /images/{name}/history}. {@code Created} is Unix seconds. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record HistoryItem(String id, long created, String createdBy, List<String> tags, long size, String comment) {}
