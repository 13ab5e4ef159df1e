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

  /**
   * {@code HumanSize}, which is {@code HumanSizeWithPrecision(size, 4)}: "2.048kB", "1.234MB"
   * ({@code docker build}'s context size, prune's reclaimed space).
   */
  public static String humanSize4(double bytes) {
    return scaled(bytes, 1000.0, DECIMAL, 4);
  }

  /**
   * {@code RAMInBytes}: "64m", "1.5GiB", "512" (bytes), binary multiples whatever the suffix's
   * spelling; an IllegalArgumentException in go-units' words otherwise ({@code invalid size: 'x'}).
   */
  public static long ramInBytes(String text) {
    int sep = -1;
    for (int i = text.length() - 1; i >= 0 && sep < 0; i--) {
      if ("0123456789. ".indexOf(text.charAt(i)) >= 0) {
        sep = i;
      }
    }
    if (sep < 0) {
      throw new IllegalArgumentException("invalid size: '" + text + "'");
    }
    String number = text.charAt(sep) == ' ' ? text.substring(0, sep) : text.substring(0, sep + 1);
    String suffix = text.substring(sep + 1).toLowerCase(java.util.Locale.ROOT);
    double size;
    try {
      if (number.isEmpty() || number.strip().length() != number.length()) {
        throw new NumberFormatException();
      }
      size = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + number + "\": invalid syntax");
    }
    if (size < 0) {
      throw new IllegalArgumentException("invalid size: '" + text + "'");
    }
    if (suffix.isEmpty() || suffix.equals("b")) {
      return (long) size;
    }
    int power = "kmgtp".indexOf(suffix.charAt(0)) + 1;
    if (power == 0 || suffix.length() > 3 || (suffix.length() == 2 && suffix.charAt(1) != 'b')
        || (suffix.length() == 3 && !suffix.endsWith("ib"))) {
      throw new IllegalArgumentException("invalid suffix: '" + suffix + "'");
    }
    return (long) (size * Math.pow(1024, power));
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
    return io.wharf.api.HumanDuration.of(d);
  }
}
