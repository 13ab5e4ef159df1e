package io.wharf.engine.network;

import io.wharf.oci.errors.InvalidArgument;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code docker network ls --filter}: {@code name} (a substring, as Docker matches it), {@code id}
 * (a prefix), {@code driver}, {@code label} ({@code key} or {@code key=value}), {@code scope}
 * ({@code local}), {@code type} ({@code builtin} or {@code custom}) and {@code dangling} (no
 * container attached). Values of one key are alternatives; keys must all hold. Stateless.
 */
final class NetworkFilters {
  private NetworkFilters() {}

  static Predicate<Network> of(Map<String, List<String>> filters, Predicate<Network> inUse) {
    Predicate<Network> all = n -> true;
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      List<String> values = f.getValue();
      Predicate<Network> one = switch (f.getKey()) {
        case "name" -> n -> values.stream().anyMatch(v -> n.name().contains(v));
        case "id" -> n -> values.stream().anyMatch(v -> n.id().startsWith(v));
        case "driver" -> n -> values.contains(n.driver());
        case "scope" -> n -> values.contains("local");
        case "type" -> n -> values.stream().anyMatch(v -> switch (v) {
          case "builtin" -> n.builtin();
          case "custom" -> !n.builtin();
          default -> throw new InvalidArgument("invalid filter: 'type'='" + v + "'");
        });
        case "label" -> n -> values.stream().allMatch(v -> {
          int eq = v.indexOf('=');
          return eq < 0 ? n.labels().containsKey(v) : v.substring(eq + 1).equals(n.labels().get(v.substring(0, eq)));
        });
        case "dangling" -> n -> values.stream().anyMatch(v -> {
          boolean dangling = v.equalsIgnoreCase("true") || v.equals("1");
          return dangling == (!n.builtin() && !inUse.test(n));
        });
        case "until" -> n -> true; // prune's; checked by the caller
        default -> throw new InvalidArgument("invalid filter '" + f.getKey() + "'");
      };
      all = all.and(one);
    }
    return all;
  }
}
