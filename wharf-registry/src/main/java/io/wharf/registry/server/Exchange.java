package io.wharf.registry.server;

import com.sun.net.httpserver.HttpExchange;
import io.wharf.oci.Digest;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * One request as the routes see it: the path's parts the router matched, the query, and the
 * ways to answer. HEAD is answered like GET without a body but with its Content-Length. Not
 * thread-safe: one exchange belongs to one virtual thread.
 */
final class Exchange {
  static final String JSON = "application/json";
  private final HttpExchange http;
  private final Matcher path;
  private final Map<String, String> query = new HashMap<>();

  Exchange(HttpExchange http, Matcher path) {
    this.http = http;
    this.path = path;
    String raw = http.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        query.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
  }

  String method() {
    return http.getRequestMethod();
  }

  boolean isHead() {
    return "HEAD".equals(method());
  }

  /** The repository name in the path; {@code NAME_INVALID} when it breaks the spec's grammar. */
  RepositoryName name() {
    return new RepositoryName(path.group("name"));
  }

  /** The named part of the path ({@code reference}, {@code digest}, {@code id}). */
  String part(String group) {
    return path.group(group);
  }

  /** The named part of the path as a digest; {@code DIGEST_INVALID} when it is none. */
  Digest digestPart(String group) {
    return digest(part(group));
  }

  /** The first value of a query parameter, decoded; null when absent. */
  String query(String key) {
    return query.get(key);
  }

  String header(String name) {
    return http.getRequestHeaders().getFirst(name);
  }

  InputStream body() {
    return http.getRequestBody();
  }

  Exchange header(String name, String value) {
    http.getResponseHeaders().set(name, value);
    return this;
  }

  /** Answers without a body. */
  void send(int status) throws IOException {
    http.sendResponseHeaders(status, -1);
  }

  /** Answers {@code value} as JSON (only its length for HEAD). */
  void sendJson(int status, Object value, String contentType) throws IOException {
    send(status, Json.MAPPER.writeValueAsBytes(value), contentType);
  }

  void send(int status, byte[] body, String contentType) throws IOException {
    header("Content-Type", contentType);
    if (isHead()) {
      header("Content-Length", Long.toString(body.length));
      http.sendResponseHeaders(status, -1);
      return;
    }
    http.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = http.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * Answers with {@code length} bytes of {@code in}, which is positioned where they start;
   * HEAD sends only the headers.
   */
  void send(int status, InputStream in, long length) throws IOException {
    if (isHead() || length == 0) {
      header("Content-Length", Long.toString(length));
      http.sendResponseHeaders(status, -1);
      return;
    }
    http.sendResponseHeaders(status, length);
    try (OutputStream out = http.getResponseBody()) {
      byte[] buffer = new byte[BlobStore.BUFFER];
      for (long left = length; left > 0; ) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("blob shorter than its size");
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }

  static Digest digest(String text) {
    try {
      return Digest.parse(text);
    } catch (InvalidArgument e) {
      throw RegistryException.of(ErrorCode.DIGEST_INVALID, e.getMessage());
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
