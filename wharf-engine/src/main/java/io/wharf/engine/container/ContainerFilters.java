package io.wharf.engine.container;

import io.wharf.oci.errors.InvalidArgument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code docker ps --filter} and {@code container prune --filter}: {@code status}, {@code name}
 * (substring, or a regular expression as Docker takes it), {@code id} (prefix), {@code label}
 * ({@code key} or {@code key=value}), {@code ancestor} (image name or ID prefix),
 * {@code exited} (exit code), {@code before}/{@code since} (a container), {@code until}
 * (a time). Values of one key are alternatives; keys must all hold. Stateless.
 */
final class ContainerFilters {
  private static final Set<String> KEYS = Set.of("status", "name", "id", "label", "ancestor", "exited", "before",
      "since", "until", "health", "network", "volume", "publish", "expose", "is-task", "label!");
  private static final Set<String> STATUSES = Set.of("created", "restarting", "running", "removing", "paused",
      "exited", "dead");

  private ContainerFilters() {}

  /** A predicate for {@code filters}; {@code lookup} resolves {@code before}/{@code since} names. */
  static Predicate<Container> of(Map<String, List<String>> filters, java.util.function.Function<String, Container> lookup) {
    Predicate<Container> all = c -> true;
    for (var entry : filters.entrySet()) {
      String key = entry.getKey();
      if (!KEYS.contains(key)) {
        throw new InvalidArgument("invalid filter '" + key + "'");
      }
      List<String> values = entry.getValue();
      Predicate<Container> any = switch (key) {
        case "status" -> {
          for (String v : values) {
            if (!STATUSES.contains(v)) {
              throw new InvalidArgument("invalid filter 'status=" + v + "'");
            }
          }
          yield c -> values.contains(c.state().dockerName());
        }
        case "name" -> c -> values.stream().anyMatch(v -> matchesName(c.name(), v));
        case "id" -> c -> values.stream().anyMatch(v -> c.id().startsWith(v));
        case "label" -> c -> values.stream().allMatch(v -> hasLabel(c, v));
        case "label!" -> c -> values.stream().noneMatch(v -> hasLabel(c, v));
        case "ancestor" -> c -> values.stream().anyMatch(v -> c.image().equals(v)
            || c.image().equals(v + ":latest") || (v + ":latest").equals(c.image() + ":latest")
            || c.imageId().hex().startsWith(v.replaceFirst("^sha256:", "")));
        case "exited" -> c -> c.state() == ContainerState.EXITED
            && values.stream().anyMatch(v -> v.equals(Integer.toString(c.exitCode())));
        case "before" -> {
          Instant limit = lookup.apply(values.getFirst()).created();
          yield c -> c.created().isBefore(limit);
        }
        case "since" -> {
          Instant limit = lookup.apply(values.getFirst()).created();
          yield c -> c.created().isAfter(limit);
        }
        case "until" -> {
          Instant limit = io.wharf.engine.image.FilterTime.until(values.getFirst());
          yield c -> c.created().isBefore(limit);
        }
        default -> c -> false; // filters on things this engine does not have yet match nothing
      };
      all = all.and(any);
    }
    return all;
  }

  private static boolean matchesName(String name, String pattern) {
    try {
      return java.util.regex.Pattern.compile(pattern).matcher(name).find() || name.contains(pattern);
    } catch (java.util.regex.PatternSyntaxException e) {
      return name.contains(pattern);
    }
  }

  private static boolean hasLabel(Container c, String filter) {
    int eq = filter.indexOf('=');
    if (eq < 0) {
      return c.labels().containsKey(filter);
    }
    return filter.substring(eq + 1).equals(c.labels().get(filter.substring(0, eq)));
  }
}
