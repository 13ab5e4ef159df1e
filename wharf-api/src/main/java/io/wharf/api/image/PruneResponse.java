package io.wharf.api.image;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code POST /images/prune}: {@code ImagesDeleted} is null when nothing was deleted, as in Docker. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record PruneResponse(List<DeleteItem> imagesDeleted, long spaceReclaimed) {}
