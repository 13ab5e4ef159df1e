package io.wharf.api.image;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** One image of {@code GET /images/json}. {@code Created} is Unix seconds. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record ImageSummary(
    String id,
    String parentId,
    List<String> repoTags,
    List<String> repoDigests,
    long created,
    long size,
    long sharedSize,
    Map<String, String> labels,
    long containers) {}
