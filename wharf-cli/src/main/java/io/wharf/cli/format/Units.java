package io.wharf.cli.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;

/** docker/go-units: human sizes and durations as the docker CLI prints them. */
public final class Units {
  private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

  private Units() {}

  /** {@code HumanSizeWithPrecision(size, 3)}: "0B", "999B", "1kB", "1.98MB". */
  public static String humanSize(double bytes) {
    return scaled(bytes, 1000.0, DECIMAL, 3);
  }

  /** {@code BytesSize} ({@code %.4g}, binary units): "1KiB", "23.54GiB". */
  public static String bytesSize(double bytes) {
    return scaled(bytes, 1024.0, BINARY, 4);
  }

  /** Go's {@code %.Ng} for the magnitudes units produce: N significant digits, no trailing zeros. */
  private static String scaled(double size, double base, String[] units, int digits) {
    int i = 0;
    while (size >= base && i < units.length - 1) {
      size /= base;
      i++;
    }
    BigDecimal rounded = new BigDecimal(size).round(new MathContext(digits)).stripTrailingZeros();
    String number = rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    return number + units[i];
  }

  /** {@code HumanDuration}: "Less than a second", "About a minute", "2 hours", "3 weeks". */
  public static String humanDuration(Duration d) {
    long seconds = d.toSeconds();
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = d.toMinutes();
    if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = Math.round(d.toMillis() / 3_600_000.0);
    if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    } else if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return d.toHours() / 24 / 365 + " years";
  }
}
