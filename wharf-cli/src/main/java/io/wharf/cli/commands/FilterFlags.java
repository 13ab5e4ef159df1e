package io.wharf.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --filter key=value} flags, repeated, as a map of key → values. */
final class FilterFlags {
  private FilterFlags() {}

  static Map<String, List<String>> parse(List<String> flags) {
    return parse(flags, "-f, --filter");
  }

  /** As {@link #parse(List)}, for a filter flag of another name ({@code --filter} of prune). */
  static Map<String, List<String>> parse(List<String> flags, String flagName) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (String flag : flags) {
      int eq = flag.indexOf('=');
      if (eq <= 0) {
        throw new WharfCommand.UsageError("invalid argument \"" + flag + "\" for \"" + flagName + "\" flag: bad format of filter (expected name=value)", 125);
      }
      filters.computeIfAbsent(flag.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
          .add(flag.substring(eq + 1).strip());
    }
    return filters;
  }
}
