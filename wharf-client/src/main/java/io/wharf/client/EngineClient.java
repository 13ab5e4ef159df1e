package io.wharf.client;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.wharf.api.ApiVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The Engine API of one daemon, as the docker CLI uses it: the first request pings
 * ({@code HEAD /_ping}) to learn the daemon's API version, then every path is sent as
 * {@code /v1.NN/…}. Requests share one keep-alive connection, opened on first use. Not
 * thread-safe: one command, one client.
 */
public final class EngineClient implements AutoCloseable {
  private final String host;
  private Connection connection;
  private ApiVersion version;

  public EngineClient(String host) {
    this.host = host;
  }

  public String host() {
    return host;
  }

  /** The API version both sides speak: min(ours, the daemon's). */
  public ApiVersion version() {
    if (version == null) {
      HttpRequest ping = head(HttpMethod.HEAD, "/_ping");
      try (Response response = exchange(ping, null)) {
        String advertised = response.header("Api-Version");
        ApiVersion theirs = advertised == null ? ApiVersion.MINIMUM : ApiVersion.parse(advertised);
        version = theirs.compareTo(ApiVersion.CURRENT) < 0 ? theirs : ApiVersion.CURRENT;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return version;
  }

  /** A request path with its query; values of {@code List} type repeat the parameter. */
  public static String path(String path, Map<String, ?> query) {
    QueryStringEncoder encoder = new QueryStringEncoder(path);
    query.forEach((name, value) -> {
      if (value instanceof List<?> values) {
        values.forEach(v -> encoder.addParam(name, String.valueOf(v)));
      } else if (value != null) {
        encoder.addParam(name, String.valueOf(value));
      }
    });
    return encoder.toString();
  }

  public Response get(String path) {
    return request(HttpMethod.GET, path, null, null);
  }

  public Response delete(String path) {
    return request(HttpMethod.DELETE, path, null, null);
  }

  /** POST with a JSON body of plain values (or none when {@code json} is null). */
  public Response post(String path, Object json) {
    return post(path, json, Map.of());
  }

  /**
   * POST with a JSON body (or none when {@code json} is null) and extra request headers, such
   * as {@code X-Registry-Auth} for pull and push.
   */
  public Response post(String path, Object json, Map<String, String> headers) {
    if (json == null) {
      HttpRequest head = head(HttpMethod.POST, "/v" + version() + path);
      headers.forEach((name, value) -> head.headers().set(name, value));
      try {
        return exchange(head, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    byte[] bytes = JsonValues.write(json).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpRequest head = head(HttpMethod.POST, "/v" + version() + path);
    headers.forEach((name, value) -> head.headers().set(name, value));
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    head.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    try {
      return exchange(head, new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A hijacked stream, as {@code attach} and {@code exec start} answer: POSTs {@code json} (or
   * nothing) asking to upgrade to a raw stream, and returns it once the daemon has agreed. The
   * stream has its own connection; closing it closes that.
   */
  public Hijacked hijack(String path, Object json) {
    Connection raw = Connection.open(host);
    HttpRequest head = head(HttpMethod.POST, "/v" + version() + path);
    head.headers().set(HttpHeaderNames.CONNECTION, "Upgrade").set(HttpHeaderNames.UPGRADE, "tcp");
    byte[] bytes = json == null ? new byte[0] : JsonValues.write(json).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    head.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    try {
      raw.send(head, new ByteArrayInputStream(bytes));
      HttpResponse answer = raw.response();
      int status = answer.status().code();
      if (status >= 400) {
        String message;
        try {
          Object body = JsonValues.read(raw.body());
          message = body instanceof Map<?, ?> map && map.get("message") != null ? String.valueOf(map.get("message"))
              : answer.status().reasonPhrase();
        } catch (RuntimeException e) {
          message = answer.status().reasonPhrase();
        }
        raw.close();
        throw new ApiException(status, message);
      }
      return new Hijacked(raw);
    } catch (IOException e) {
      raw.close();
      throw new UncheckedIOException(e);
    }
  }

  /** A raw stream to and from the daemon (attach, exec). Closing it closes its connection. */
  public static final class Hijacked implements AutoCloseable {
    private final Connection connection;
    private final InputStream output;

    Hijacked(Connection connection) {
      this.connection = connection;
      this.output = connection.raw();
    }

    /** What the daemon sends: multiplexed frames, or raw bytes for a terminal. */
    public InputStream output() {
      return output;
    }

    /** Sends bytes to the process's stdin. */
    public void write(byte[] bytes, int offset, int length) throws IOException {
      connection.writeRaw(bytes, offset, length);
    }

    /** The end of stdin: half-closes the connection. */
    public void closeInput() throws IOException {
      connection.shutdownOutput();
    }

    @Override
    public void close() {
      connection.close();
    }
  }

  /**
   * Sends a request on the versioned path and returns the answer once its head has come;
   * a non-2xx answer (304 aside) throws {@link ApiException} with the daemon's message.
   */
  public Response request(HttpMethod method, String path, String contentType, InputStream body) {
    return request(method, path, contentType, body, Map.of());
  }

  /** {@link #request(HttpMethod, String, String, InputStream)} with extra request headers. */
  public Response request(HttpMethod method, String path, String contentType, InputStream body,
      Map<String, String> headers) {
    HttpRequest head = head(method, "/v" + version() + path);
    headers.forEach((name, value) -> head.headers().set(name, value));
    if (contentType != null) {
      head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    if (body != null) {
      head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    try {
      return exchange(head, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpRequest head(HttpMethod method, String uri) {
    HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    request.headers().set(HttpHeaderNames.HOST, "api.moby.localhost");
    request.headers().set(HttpHeaderNames.USER_AGENT, "Wharf-Client/0.1.0");
    return request;
  }

  private Response exchange(HttpRequest head, InputStream body) throws IOException {
    if (connection == null) {
      connection = Connection.open(host);
    }
    Connection current = connection;
    current.send(head, body);
    HttpResponse answer = current.response();
    if (!io.netty.handler.codec.http.HttpUtil.isKeepAlive(answer)) {
      connection = null; // the daemon closes it after this answer
    }
    int status = answer.status().code();
    Response response = new Response(status, answer.headers(), current.body());
    if (status >= 400) {
      String message;
      try (response) {
        Object json = JsonValues.read(response.body());
        message = json instanceof Map<?, ?> map && map.get("message") != null ? String.valueOf(map.get("message"))
            : answer.status().reasonPhrase();
      } catch (IOException | RuntimeException e) {
        message = answer.status().reasonPhrase();
      }
      throw new ApiException(status, message);
    }
    return response;
  }

  @Override
  public void close() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
