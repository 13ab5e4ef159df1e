package io.wharf.daemon.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.wharf.api.ApiVersion;
import io.wharf.api.Filters;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One API request as routes see it: method, path parameters, query, headers, the API version
 * the client asked for, and the body as a stream. Not thread-safe: it belongs to the virtual
 * thread that handles it.
 */
public final class ApiRequest {
  private final HttpMethod method;
  private final String path;
  private final Map<String, List<String>> query;
  private final HttpHeaders headers;
  private final InputStream body;
  private ApiVersion version = ApiVersion.CURRENT;
  private Map<String, String> pathParams = Map.of();

  ApiRequest(HttpMethod method, String path, Map<String, List<String>> query, HttpHeaders headers, InputStream body) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.body = body;
  }

  public HttpMethod method() {
    return method;
  }

  /** The path without its {@code /v1.NN} prefix. */
  public String path() {
    return path;
  }

  public ApiVersion version() {
    return version;
  }

  void route(ApiVersion apiVersion, Map<String, String> params) {
    this.version = apiVersion;
    this.pathParams = params;
  }

  /** A path parameter ({@code name} in {@code /images/{name}/json}). */
  public String param(String name) {
    return pathParams.get(name);
  }

  /** The first value of a query parameter, or null. */
  public String query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  public List<String> queryAll(String name) {
    return query.getOrDefault(name, List.of());
  }

  /** A query integer, or {@code absent} when it is missing or empty; anything else is Go's Atoi error (400). */
  public int integer(String name, int absent) {
    String value = query(name);
    if (value == null || value.isEmpty()) {
      return absent;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new io.wharf.oci.errors.InvalidArgument("strconv.Atoi: parsing \"" + value + "\": invalid syntax");
    }
  }

  /** A query boolean as Docker reads it: absent, empty, 0, no, false, none are false. */
  public boolean bool(String name) {
    String value = query(name);
    if (value == null) {
      return false;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "", "0", "no", "false", "none" -> false;
      default -> true;
    };
  }

  /** The {@code filters} parameter, in either of its JSON shapes. */
  public Map<String, List<String>> filters() {
    return Filters.parse(query("filters"));
  }

  public String header(String name) {
    return headers.get(name);
  }

  public InputStream body() {
    return body;
  }

  /** The JSON body as {@code type}; a malformed body is a 400 naming the problem. */
  public <T> T json(Class<T> type) {
    try {
      // the whole body first: the parser stops at the value's end (and would close the
      // stream), while the connection needs the body read to its end for the next request
      byte[] bytes = body.readAllBytes();
      if (bytes.length == 0) {
        throw new InvalidArgument("invalid JSON body: the request body is empty");
      }
      return Json.MAPPER.readValue(bytes, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidArgument("invalid JSON body: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidArgument("cannot read the request body: " + e.getMessage(), e);
    }
  }
}
