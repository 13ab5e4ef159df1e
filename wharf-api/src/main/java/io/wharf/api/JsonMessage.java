package io.wharf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One line of a JSON message stream (build, pull, push, load, import): {@code stream} text
 * (with its own newline), a {@code status} with an optional {@code id} and progress, an
 * {@code aux} object, or an error ({@code errorDetail} and {@code error} both, since only
 * {@code errorDetail} marks failure for the docker CLI). Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonMessage(
    @JsonProperty("stream") String stream,
    @JsonProperty("status") String status,
    @JsonProperty("id") String id,
    @JsonProperty("progress") String progress,
    @JsonProperty("progressDetail") Map<String, Object> progressDetail,
    @JsonProperty("aux") Object aux,
    @JsonProperty("errorDetail") ErrorDetail errorDetail,
    @JsonProperty("error") String error) {

  /** {@code errorDetail}: the message and, for builds, the failed command's exit code. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ErrorDetail(@JsonProperty("code") Integer code, @JsonProperty("message") String message) {}

  public static JsonMessage stream(String text) {
    return new JsonMessage(text, null, null, null, null, null, null, null);
  }

  public static JsonMessage status(String status) {
    return new JsonMessage(null, status, null, null, null, null, null, null);
  }

  public static JsonMessage aux(Object aux) {
    return new JsonMessage(null, null, null, null, null, aux, null, null);
  }

  public static JsonMessage error(String message) {
    return new JsonMessage(null, null, null, null, null, null, new ErrorDetail(null, message), message);
  }
}
