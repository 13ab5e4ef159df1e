package io.wharf.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.oci.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A successful answer: its status, headers and body stream. Read the body once, then close.
 * Not thread-safe.
 */
public final class Response implements AutoCloseable {
  private static final ObjectMapper MAPPER = Json.MAPPER;
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

  public JsonNode json() {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public <T> T json(Class<T> type) {
    try {
      return MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public <T> T json(TypeReference<T> type) {
    try {
      return MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a JSON message stream, handing each message to {@code each} as it arrives; a
   * message with {@code errorDetail} ends the stream with an {@link ApiException}.
   */
  public void messages(Consumer<JsonNode> each) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode message = MAPPER.readTree(line);
        if (message.hasNonNull("errorDetail")) {
          JsonNode detail = message.get("errorDetail");
          throw new ApiException(detail.path("code").asInt(1), detail.path("message").asText(message.path("error").asText()));
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
