package io.wharf.engine.image;

import io.wharf.oci.errors.InvalidArgument;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code until} value of Docker's filters (images, containers): a Unix timestamp, an
 * RFC 3339 time, or a Go duration before now. Stateless.
 */
public final class FilterTime {
  private FilterTime() {}

  /** A Unix timestamp, an RFC 3339 time or a Go duration ago ({@code 24h}, {@code 10m}). */
  public static Instant until(String value) {
    try {
      if (value.matches("\\d+(\\.\\d+)?")) {
        return Instant.ofEpochMilli((long) (Double.parseDouble(value) * 1000));
      }
      if (value.matches("(\\d+(\\.\\d+)?(h|m|s|ms))+")) {
        return Instant.now().minus(goDuration(value));
      }
      return ImageCatalog.parseTime(value).equals(Instant.EPOCH) ? Instant.parse(value) : ImageCatalog.parseTime(value);
    } catch (RuntimeException e) {
      throw new InvalidArgument("invalid filter 'until=" + value + "': not a timestamp or duration");
    }
  }

  static Duration goDuration(String value) {
    Duration total = Duration.ZERO;
    var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)").matcher(value);
    while (m.find()) {
      double n = Double.parseDouble(m.group(1));
      long millis = (long) (n * switch (m.group(2)) {
        case "h" -> 3_600_000;
        case "m" -> 60_000;
        case "s" -> 1000;
        default -> 1;
      });
      total = total.plusMillis(millis);
    }
    return total;
  }
}
