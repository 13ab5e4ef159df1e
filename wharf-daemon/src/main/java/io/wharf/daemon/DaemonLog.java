package io.wharf.daemon;

import io.wharf.oci.errors.InvalidArgument;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * wharfd's log: java.util.logging to stderr, one line a record in dockerd's logfmt style
 * ({@code time="…" level=info msg="…"}), at the level of {@code --log-level}.
 */
final class DaemonLog {
  private DaemonLog() {}

  static void configure(String level) {
    Level julLevel = switch (level) {
      case "debug" -> Level.FINE;
      case "info" -> Level.INFO;
      case "warn" -> Level.WARNING;
      case "error", "fatal" -> Level.SEVERE;
      default -> throw new InvalidArgument("unable to parse logging level: " + level);
    };
    Logger root = Logger.getLogger("");
    for (var handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setLevel(julLevel);
    console.setFormatter(new Logfmt());
    root.addHandler(console);
    // debug is for Wharf's own records; libraries stay at info (the JDK logs every process start at debug)
    root.setLevel(julLevel.intValue() < Level.INFO.intValue() ? Level.INFO : julLevel);
    Logger.getLogger("io.wharf").setLevel(julLevel);
  }

  private static final class Logfmt extends Formatter {
    @Override
    public String format(LogRecord record) {
      String level = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error"
          : record.getLevel().intValue() >= Level.WARNING.intValue() ? "warning"
          : record.getLevel().intValue() >= Level.INFO.intValue() ? "info" : "debug";
      StringBuilder line = new StringBuilder()
          .append("time=\"").append(Instant.ofEpochMilli(record.getMillis())).append("\" level=").append(level)
          .append(" msg=\"").append(formatMessage(record).replace("\"", "\\\"")).append('"');
      if (record.getThrown() != null) {
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        line.append(" error=\"").append(trace.toString().replace("\"", "\\\"").replace("\n", "\\n")).append('"');
      }
      return line.append('\n').toString();
    }
  }
}
