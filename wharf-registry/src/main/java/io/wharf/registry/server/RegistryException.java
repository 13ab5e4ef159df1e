package io.wharf.registry.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the registry refuses, as the spec's error body {@code {"errors":[{"code",
 * "message","detail"}]}} with its status; {@link Router} writes it. One exception may carry
 * several errors of one code (a manifest with three missing blobs names all three). Immutable
 * once thrown.
 */
final class RegistryException extends RuntimeException {
  final ErrorCode code;
  final int status;
  final List<?> details;
  final Map<String, String> headers;

  private RegistryException(ErrorCode code, int status, String message, List<?> details, Map<String, String> headers) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
    this.details = details;
    this.headers = headers;
  }

  /** One error whose detail is {@code detail} (a string, a map, or null for none). */
  static RegistryException of(ErrorCode code, Object detail) {
    return new RegistryException(code, code.status, code.message, detail == null ? List.of() : List.of(detail), Map.of());
  }

  /** One error per detail, all of {@code code}. */
  static RegistryException all(ErrorCode code, List<?> details) {
    return new RegistryException(code, code.status, code.message, List.copyOf(details), Map.of());
  }

  /** The same errors answered with another status (the spec's 416 and 413 keep their codes). */
  RegistryException withStatus(int newStatus) {
    return new RegistryException(code, newStatus, getMessage(), details, headers);
  }

  /** The same errors with a response header added ({@code Range} of a 416). */
  RegistryException withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new RegistryException(code, status, getMessage(), details, Map.copyOf(more));
  }

  /** The body: one entry per detail, or one without detail. */
  Map<String, Object> body() {
    List<Map<String, Object>> errors = details.isEmpty()
        ? List.of(entry(null))
        : details.stream().map(this::entry).toList();
    return Map.of("errors", errors);
  }

  private Map<String, Object> entry(Object detail) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("code", code.name());
    e.put("message", getMessage());
    if (detail != null) {
      e.put("detail", detail);
    }
    return e;
  }
}
