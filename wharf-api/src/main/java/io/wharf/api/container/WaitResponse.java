package io.wharf.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /containers/{id}/wait}, sent when the condition holds. */
public record WaitResponse(@JsonProperty("Error") Object error, @JsonProperty("StatusCode") long statusCode) {}
