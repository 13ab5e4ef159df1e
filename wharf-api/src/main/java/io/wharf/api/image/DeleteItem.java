package io.wharf.api.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One line of {@code DELETE /images/{name}}: {@code {"Untagged": …}} or {@code {"Deleted": …}}. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteItem(String untagged, String deleted) {}
