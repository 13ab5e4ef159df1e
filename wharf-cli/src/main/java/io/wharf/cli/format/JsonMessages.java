package io.wharf.cli.format;

import io.wharf.client.JsonValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A JSON message stream ({@code build}, {@code pull}, {@code load}) printed as the docker CLI's
 * {@code jsonmessage.DisplayJSONMessagesStream} prints it when stdout is not a terminal:
 * {@code stream} as is, {@code status} a line each (after {@code id: }), progress-bar updates
 * left out, {@code aux} handed to a callback. Only {@code errorDetail} marks a failure, which
 * ends the stream with {@link Failure}. Stateless.
 */
public final class JsonMessages {
  /** Go's {@code RFC3339NanoFixed}, which {@code time}/{@code timeNano} are printed with. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");

  private JsonMessages() {}

  /** The message of an {@code errorDetail}, and its code (0 when the daemon gave none). */
  public static final class Failure extends Exception {
    private final int code;

    public Failure(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  /** Prints every message of {@code in} to {@code out}, flushing each, until the stream ends or fails. */
  @SuppressWarnings("unchecked")
  public static void display(InputStream in, PrintStream out, Consumer<Object> aux) throws Failure {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, Object> message = (Map<String, Object>) JsonValues.read(line);
        if (message.get("aux") != null) {
          aux.accept(message.get("aux"));
          continue;
        }
        display(message, out);
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One message, as {@code JSONMessage.Display(out, false)}. */
  static void display(Map<String, Object> message, PrintStream out) throws Failure {
    if (message.get("errorDetail") instanceof Map<?, ?> error) {
      int code = error.get("code") instanceof Number n ? n.intValue() : 0;
      throw new Failure(code, error.get("message") == null ? "" : String.valueOf(error.get("message")));
    }
    if (message.get("progressDetail") instanceof Map<?, ?> progress
        && (number(progress.get("current")) > 0 || number(progress.get("total")) > 0)) {
      return; // no progress bars when not on a terminal
    }
    StringBuilder line = new StringBuilder();
    long nanos = number(message.get("timeNano"));
    long seconds = number(message.get("time"));
    if (nanos != 0 || seconds != 0) {
      Instant at = nanos != 0 ? Instant.ofEpochSecond(0, nanos) : Instant.ofEpochSecond(seconds);
      line.append(TIME.format(at.atZone(ZoneId.systemDefault()))).append(' ');
    }
    if (!text(message, "id").isEmpty()) {
      line.append(text(message, "id")).append(": ");
    }
    if (!text(message, "from").isEmpty()) {
      line.append("(from ").append(text(message, "from")).append(") ");
    }
    if (!text(message, "progress").isEmpty()) {
      // docker prints the old-style progress text without a newline; so do we
      line.append(text(message, "status")).append(' ').append(text(message, "progress"));
    } else if (!text(message, "stream").isEmpty()) {
      line.append(text(message, "stream"));
    } else {
      line.append(text(message, "status")).append('\n');
    }
    out.print(line);
  }

  private static String text(Map<String, Object> message, String key) {
    Object value = message.get(key);
    return value == null ? "" : String.valueOf(value);
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }
}
