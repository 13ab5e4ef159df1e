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
    return io.wharf.api.HumanDuration.of(d);
  }
}
