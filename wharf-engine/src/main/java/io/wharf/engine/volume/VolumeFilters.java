package io.wharf.engine.volume;

import io.wharf.oci.errors.InvalidArgument;
import java.util.List;
import java.util.Map;

/**
 * {@code docker volume ls --filter}: {@code dangling} (used by no container), {@code name} (a
 * substring), {@code label} ({@code key} or {@code key=value}), {@code driver}. Stateless.
 */
final class VolumeFilters {
  private VolumeFilters() {}

  static boolean matches(Map<String, List<String>> filters, Volume v, boolean unused) {
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      List<String> values = f.getValue();
      boolean ok = switch (f.getKey()) {
        case "dangling" -> values.stream().anyMatch(x -> (x.equalsIgnoreCase("true") || x.equals("1")) == unused);
        case "name" -> values.stream().anyMatch(x -> v.name().contains(x));
        case "driver" -> values.contains(v.driver());
        case "label" -> values.stream().allMatch(x -> {
          int eq = x.indexOf('=');
          return eq < 0 ? v.labels().containsKey(x) : x.substring(eq + 1).equals(v.labels().get(x.substring(0, eq)));
        });
        case "label!" -> values.stream().noneMatch(x -> {
          int eq = x.indexOf('=');
          return eq < 0 ? v.labels().containsKey(x) : x.substring(eq + 1).equals(v.labels().get(x.substring(0, eq)));
        });
        case "until" -> true;
        default -> throw new InvalidArgument("invalid filter '" + f.getKey() + "'");
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
