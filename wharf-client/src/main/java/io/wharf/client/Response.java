package io.wharf.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A successful answer: its status, headers and body stream. Read the body once, then close.
 * JSON bodies come as plain values ({@link JsonValues}). Not thread-safe.
 */
public final class Response implements AutoCloseable {
  private final int status;
  private final io.netty.handler.codec.http.HttpHeaders headers;
  private final InputStream body;

  Response(int status, io.netty.handler.codec.http.HttpHeaders headers, InputStream body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  public int status() {
    return status;
  }

  public String header(String name) {
    return headers.get(name);
  }

  public InputStream body() {
    return body;
  }

  /** The body as plain JSON values. */
  public Object json() {
    return JsonValues.read(body);
  }

  /** The body, a JSON object. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> object() {
    return (Map<String, Object>) json();
  }

  /** The body, a JSON array of objects. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> objects() {
    return (List<Map<String, Object>>) json();
  }

  /**
   * Reads a JSON message stream, handing each message to {@code each} as it arrives; a
   * message with {@code errorDetail} ends the stream with an {@link ApiException}.
   */
  @SuppressWarnings("unchecked")
  public void messages(Consumer<Map<String, Object>> each) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, Object> message = (Map<String, Object>) JsonValues.read(line);
        if (message.get("errorDetail") instanceof Map<?, ?> detail) {
          Object message0 = detail.get("message");
          throw new ApiException(detail.get("code") instanceof Number n ? n.intValue() : 1,
              String.valueOf(message0 != null ? message0 : message.get("error")));
        }
        each.accept(message);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    body.transferTo(java.io.OutputStream.nullOutputStream());
    body.close();
  }
}
