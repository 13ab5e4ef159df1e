package io.wharf.cli.format;

import java.util.Map;

/**
 * A {@code progressDetail} as the docker CLI draws it on a terminal ({@code JSONProgress.String}):
 * {@code [=====>      ]  1.234MB/5.678MB} — the bar only when the terminal is wider than 110
 * columns, sizes as go-units' {@code HumanSize}, the time left when the daemon sent a start.
 * Stateless.
 */
final class ProgressBar {
  private ProgressBar() {}

  /** The text for {@code detail} on a terminal {@code width} columns wide; empty with nothing to show. */
  static String render(Map<?, ?> detail, int width, long nowSeconds) {
    long current = number(detail.get("current"));
    long total = number(detail.get("total"));
    long start = number(detail.get("start"));
    String units = detail.get("units") instanceof String s ? s : "";
    boolean hideCounts = Boolean.TRUE.equals(detail.get("hidecounts"));
    if (current <= 0 && total <= 0) {
      return "";
    }
    if (total <= 0) {
      return units.isEmpty() ? String.format("%8s", Units.humanSize4(current)) : current + " " + units;
    }
    int percentage = Math.min(50, (int) ((double) current / total * 100) / 2);
    String bar = width > 110 ? "[" + "=".repeat(percentage) + ">" + " ".repeat(Math.max(0, 50 - percentage)) + "] " : "";
    String numbers;
    if (hideCounts) {
      numbers = "";
    } else if (units.isEmpty()) {
      numbers = current > total ? String.format("%8s", Units.humanSize4(current))
          : String.format("%8s", Units.humanSize4(current)) + "/" + Units.humanSize4(total);
    } else {
      numbers = current > total ? current + " " + units : current + "/" + total + " " + units;
    }
    String timeLeft = "";
    if (current > 0 && start > 0 && percentage < 50 && width > 50) {
      long elapsedNanos = Math.max(0, nowSeconds - start) * 1_000_000_000L;
      long left = (total - current) * (elapsedNanos / current) / 1_000_000_000L;
      timeLeft = " " + seconds(left);
    }
    return bar + numbers + timeLeft;
  }

  /** Go's {@code Duration.String} of whole seconds: {@code 0s}, {@code 42s}, {@code 1m5s}, {@code 2h0m3s}. */
  static String seconds(long total) {
    long h = total / 3600;
    long m = total % 3600 / 60;
    long s = total % 60;
    return h > 0 ? h + "h" + m + "m" + s + "s" : m > 0 ? m + "m" + s + "s" : s + "s";
  }

  static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }
}
