package io.wharf.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.cli.format.Units;
import io.wharf.oci.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

  /** A JSON tree as plain maps and lists, the data model of templates. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> plain(JsonNode node) {
    return Json.MAPPER.convertValue(node, Map.class);
  }

  static Object plainValue(JsonNode node) {
    return Json.MAPPER.convertValue(node, Object.class);
  }
}
