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
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A JSON message stream ({@code build}, {@code pull}, {@code push}, {@code load}) printed as the
 * docker CLI's {@code jsonmessage.DisplayJSONMessagesStream} prints it. When stdout is not a
 * terminal: {@code stream} as is, {@code status} a line each (after {@code id: }), progress-bar
 * updates left out; on a terminal, a line per layer rewritten in place. {@code aux} goes to a
 * callback. Only {@code errorDetail} marks a failure, which ends the stream with
 * {@link Failure}. Stateless.
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
  public static void display(InputStream in, PrintStream out, Consumer<Object> aux) throws Failure {
    display(in, out, aux, 0);
  }

  /**
   * As {@link #display(InputStream, PrintStream, Consumer)}, on a terminal {@code terminalWidth}
   * columns wide when that is positive: as {@code DisplayJSONMessagesStream} does with a
   * terminal, each id with progress gets a line of its own that later messages for that id
   * rewrite in place (cursor up, erase, write, cursor down), progress drawn as bars; a message
   * without progress starts a new set of lines.
   */
  @SuppressWarnings("unchecked")
  public static void display(InputStream in, PrintStream out, Consumer<Object> aux, int terminalWidth) throws Failure {
    boolean terminal = terminalWidth > 0;
    Map<String, Integer> lines = new HashMap<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String text;
      while ((text = reader.readLine()) != null) {
        if (text.isBlank()) {
          continue;
        }
        Map<String, Object> message = (Map<String, Object>) JsonValues.read(text);
        if (message.get("aux") != null) {
          aux.accept(message.get("aux"));
          continue;
        }
        String id = text(message, "id");
        int up = 0;
        if (!id.isEmpty() && (message.get("progressDetail") instanceof Map || !text(message, "progress").isEmpty())) {
          Integer line = lines.get(id);
          if (line == null) {
            line = lines.size();
            lines.put(id, line);
            if (terminal) {
              out.print('\n');
            }
          }
          up = lines.size() - line;
          if (terminal && up > 0) {
            out.print("\u001b[" + up + "A");
          }
        } else {
          // progress lines of an earlier operation (another tag of pull -a) are not rewritten
          lines.clear();
        }
        try {
          display(message, out, terminalWidth);
        } finally {
          if (!id.isEmpty() && terminal && up > 0) {
            out.print("\u001b[" + up + "B");
          }
          out.flush();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One message, as {@code JSONMessage.Display(out, false)}. */
  static void display(Map<String, Object> message, PrintStream out) throws Failure {
    display(message, out, 0);
  }

  /** One message, as {@code JSONMessage.Display}; on a terminal when {@code terminalWidth} is positive. */
  static void display(Map<String, Object> message, PrintStream out, int terminalWidth) throws Failure {
    if (message.get("errorDetail") instanceof Map<?, ?> error) {
      int code = error.get("code") instanceof Number n ? n.intValue() : 0;
      throw new Failure(code, error.get("message") == null ? "" : String.valueOf(error.get("message")));
    }
    boolean terminal = terminalWidth > 0;
    Map<?, ?> progress = message.get("progressDetail") instanceof Map<?, ?> p ? p : null;
    String bar = progress == null ? "" : ProgressBar.render(progress, terminal ? terminalWidth : 200,
        System.currentTimeMillis() / 1000);
    String endl = "";
    StringBuilder line = new StringBuilder();
    if (terminal && text(message, "stream").isEmpty() && progress != null) {
      line.append("\u001b[2K\r");
      endl = "\r";
    } else if (!bar.isEmpty()) {
      return; // no progress bars when not on a terminal
    }
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
    if (progress != null && terminal) {
      line.append(text(message, "status")).append(' ').append(bar).append(endl);
    } else if (!text(message, "progress").isEmpty()) {
      // docker prints the old-style progress text without a newline; so do we
      line.append(text(message, "status")).append(' ').append(text(message, "progress")).append(endl);
    } else if (!text(message, "stream").isEmpty()) {
      line.append(text(message, "stream")).append(endl);
    } else {
      line.append(text(message, "status")).append(endl).append('\n');
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
