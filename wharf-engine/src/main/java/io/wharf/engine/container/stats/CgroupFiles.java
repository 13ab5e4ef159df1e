package io.wharf.engine.container.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The few formats of cgroup and proc files: a single value ({@code memory.current}, possibly
 * {@code max}), a flat keyed file ({@code memory.stat}, {@code cpu.stat}), a list of numbers
 * ({@code cpuacct.usage_percpu}). A file that is missing or unreadable reads as empty: a
 * controller not enabled, or a cgroup gone as its container exits, counts as zero. Stateless.
 */
final class CgroupFiles {
  /** What a limit of {@code max} (none) reads as. */
  static final long UNLIMITED = Long.MAX_VALUE;

  private CgroupFiles() {}

  /** The file's text, or "" when it cannot be read. */
  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
  }

  /** A single-value file: the number, {@link #UNLIMITED} for {@code max}, 0 when missing or not a number. */
  static long number(Path file) {
    return number(text(file).strip());
  }

  static long number(String value) {
    if (value.equals("max")) {
      return UNLIMITED;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      // a value beyond a long ("18446744073709551615") is as good as unlimited
      return value.matches("\\d{19,}") ? UNLIMITED : 0;
    }
  }

  /** {@code key value} lines, by key in Go's map order (sorted); lines whose value is not a number are left out. */
  static Map<String, Long> keyed(String text) {
    Map<String, Long> values = new TreeMap<>();
    for (String line : text.split("\n")) {
      String[] words = line.strip().split("\\s+");
      if (words.length == 2 && words[1].matches("\\d+")) {
        values.put(words[0], number(words[1]));
      }
    }
    return values;
  }

  /** Whitespace-separated numbers. */
  static List<Long> numbers(String text) {
    List<Long> values = new ArrayList<>();
    for (String word : text.strip().split("\\s+")) {
      if (!word.isEmpty()) {
        values.add(number(word));
      }
    }
    return values;
  }
}
