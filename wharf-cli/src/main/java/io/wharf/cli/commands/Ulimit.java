package io.wharf.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One {@code --ulimit name=soft[:hard]} ({@code nofile=1024:2048}, {@code core=-1}), read as
 * go-units' {@code ParseUlimit} reads it: a hard limit defaults to the soft one, {@code -1} or
 * {@code infinity} is unlimited. Immutable.
 */
record Ulimit(String name, long soft, long hard) {
  /** The names go-units knows: the {@code RLIMIT_} resources but {@code as}, which docker leaves out. */
  private static final Set<String> NAMES = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
      "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

  /** {@code value} as go-units parses it; IllegalArgumentException in its words otherwise. */
  static Ulimit parse(String value) {
    int eq = value.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("invalid ulimit argument: " + value);
    }
    String name = value.substring(0, eq);
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("invalid ulimit type: " + name);
    }
    String[] limits = value.substring(eq + 1).split(":", -1);
    if (limits.length > 2) {
      throw new IllegalArgumentException("too many limit value arguments - " + value.substring(eq + 1)
          + ", can only have up to two, `soft[:hard]`");
    }
    long hard = limits.length == 2 ? limit(limits[1]) : 0;
    long soft = limit(limits[0]);
    if (limits.length == 1) {
      hard = soft;
    }
    if (hard != -1) {
      if (soft == -1) {
        throw new IllegalArgumentException(
            "ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: " + hard);
      }
      if (soft > hard) {
        throw new IllegalArgumentException("ulimit soft limit must be less than or equal to hard limit: " + soft + " > "
            + hard);
      }
    }
    return new Ulimit(name, soft, hard);
  }

  /**
   * Every {@code --ulimit} as docker's {@code UlimitOpt} keeps them: the last of each name, sorted
   * by name; a bad one is a flag error.
   */
  static List<Ulimit> all(List<String> values) {
    Map<String, Ulimit> byName = new TreeMap<>();
    for (String value : values) {
      try {
        Ulimit ulimit = parse(value);
        byName.put(ulimit.name(), ulimit);
      } catch (IllegalArgumentException e) {
        throw FlagValues.invalid(value, "--ulimit", e.getMessage());
      }
    }
    return new ArrayList<>(byName.values());
  }

  /** One of {@code HostConfig.Ulimits}, its keys in Go's order. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("Name", name);
    json.put("Hard", hard);
    json.put("Soft", soft);
    return json;
  }

  private static long limit(String text) {
    if (text.equals("infinity")) {
      return -1;
    }
    if (!text.matches("[+-]?[0-9]+")) {
      throw new IllegalArgumentException("strconv.ParseInt: parsing \"" + text + "\": invalid syntax");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("strconv.ParseInt: parsing \"" + text + "\": value out of range");
    }
  }
}
