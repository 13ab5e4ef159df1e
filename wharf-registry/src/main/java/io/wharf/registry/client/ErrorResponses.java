package io.wharf.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a registry's error response into a {@link RegistryException}, reading the OCI error
 * body ({@code {"errors":[{"code","message","detail"}]}}) or a token server's
 * ({@code {"details":…}}) and formatting it as Docker does. Stateless.
 */
final class ErrorResponses {
  private static final int MAX_BODY = 64 * 1024;

  private ErrorResponses() {}

  /** Reads (a bounded part of) the body, closes it, and builds the exception. */
  static RegistryException of(HttpResponse<InputStream> response, String fallback) {
    byte[] body;
    try (InputStream in = response.body()) {
      body = in == null ? new byte[0] : in.readNBytes(MAX_BODY);
    } catch (IOException e) {
      body = new byte[0];
    }
    return of(response.statusCode(), body, fallback);
  }

  /**
   * The exception for {@code status} and {@code body}; {@code fallback} (or a status line) is
   * the message when the body says nothing.
   */
  static RegistryException of(int status, byte[] body, String fallback) {
    List<String[]> errors = parse(body);
    String code = errors.isEmpty() ? null : errors.getFirst()[0];
    String message;
    if (errors.size() == 1) {
      message = format(errors.getFirst());
    } else if (errors.size() > 1) {
      // Docker's errcode.Errors: "errors:\n" and one error a line.
      StringBuilder all = new StringBuilder("errors:\n");
      errors.forEach(error -> all.append(format(error)).append('\n'));
      message = all.toString();
    } else if (fallback != null) {
      message = fallback;
    } else {
      message = "received unexpected HTTP status: " + status + " " + reason(status);
    }
    return status == 401 || status == 403
        ? new RegistryAuthException(status, code, message)
        : new RegistryException(status, code, message);
  }

  private static String format(String[] error) {
    String code = error[0] == null ? "unknown" : error[0].toLowerCase(Locale.ROOT).replace('_', ' ');
    return error[1] == null || error[1].isEmpty() ? code : code + ": " + error[1];
  }

  /** {code, message} pairs; empty when the body is not an error document. */
  private static List<String[]> parse(byte[] body) {
    List<String[]> errors = new ArrayList<>();
    if (body.length == 0) {
      return errors;
    }
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      if (root != null && root.path("errors").isArray()) {
        for (JsonNode error : root.path("errors")) {
          errors.add(new String[] {text(error, "code"), text(error, "message")});
        }
      } else if (root != null && root.path("details").isTextual()) {
        errors.add(new String[] {"UNAUTHORIZED", root.path("details").asText()});
      }
    } catch (IOException e) {
      // not JSON: an HTML page from a proxy, say; the status speaks instead
    }
    return errors;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Request Entity Too Large";
      case 416 -> "Requested Range Not Satisfiable";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }
}
