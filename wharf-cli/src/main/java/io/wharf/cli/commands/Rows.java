package io.wharf.cli.commands;

import io.wharf.cli.format.Units;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Conversions the table rows of several commands share. */
final class Rows {
  /** Go's time.Time default string: {@code 2026-11-24 09:55:17 +0000 UTC}. */
  private static final DateTimeFormatter GO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z 'UTC'").withZone(ZoneOffset.UTC);

  private Rows() {}

  static String since(long epochSeconds) {
    return Units.humanDuration(Duration.between(Instant.ofEpochSecond(epochSeconds), Instant.now())) + " ago";
  }

  static String createdAt(long epochSeconds) {
    return GO_TIME.format(Instant.ofEpochSecond(epochSeconds));
  }

  static String rfc3339(long epochSeconds) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(epochSeconds).atOffset(ZoneOffset.UTC))
        .replace("Z", "+00:00");
  }

  /** The string at {@code key}, or "" when absent. */
  static String text(Map<String, Object> object, String key) {
    Object value = object.get(key);
    return value == null ? "" : String.valueOf(value);
  }

  /** The number at {@code key}, or {@code fallback} when absent. */
  static long number(Map<String, Object> object, String key, long fallback) {
    return object.get(key) instanceof Number n ? n.longValue() : fallback;
  }

  /** The strings of the array at {@code key}; empty when absent. */
  static List<String> strings(Map<String, Object> object, String key) {
    List<String> out = new java.util.ArrayList<>();
    if (object.get(key) instanceof List<?> list) {
      list.forEach(item -> out.add(String.valueOf(item)));
    }
    return out;
  }
}
