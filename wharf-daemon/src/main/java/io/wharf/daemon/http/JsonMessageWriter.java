package io.wharf.daemon.http;

import io.wharf.api.JsonMessage;
import io.wharf.oci.Json;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A JSON message stream: one object a line, flushed per message, as the docker CLI reads
 * build, pull, load and import progress. Not thread-safe.
 */
public final class JsonMessageWriter implements AutoCloseable {
  private final OutputStream out;

  JsonMessageWriter(OutputStream out) {
    this.out = out;
  }

  public void send(JsonMessage message) throws IOException {
    byte[] line = Json.MAPPER.writeValueAsBytes(message);
    byte[] withNewline = java.util.Arrays.copyOf(line, line.length + 1);
    withNewline[line.length] = '\n';
    out.write(withNewline);
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      // the client went away; nothing left to tell it
    }
  }
}
