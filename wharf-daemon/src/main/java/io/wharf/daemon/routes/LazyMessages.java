package io.wharf.daemon.routes;

import io.wharf.api.JsonMessage;
import io.wharf.daemon.http.ApiResponse;
import io.wharf.daemon.http.JsonMessageWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A JSON message stream begun at its first message, for work that may fail before it has said
 * anything (a build refused, a pull of an unknown image): then the answer is still a plain HTTP
 * error, as dockerd answers it. Messages may come from several threads. Thread-safe.
 */
class LazyMessages {
  private final ApiResponse response;
  private JsonMessageWriter writer;

  LazyMessages(ApiResponse response) {
    this.response = response;
  }

  synchronized void send(JsonMessage message) {
    try {
      if (writer == null) {
        writer = response.jsonMessages();
      }
      writer.send(message);
    } catch (IOException e) {
      throw new UncheckedIOException("the client went away", e);
    }
  }

  /** Ends the stream, if it began. */
  synchronized void close() {
    if (writer != null) {
      writer.close();
    }
  }
}
