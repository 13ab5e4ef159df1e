package io.wharf.engine.event;

import io.wharf.oci.ImageReference;
import io.wharf.oci.errors.InvalidArgument;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code --filter}s of {@code docker events}, as moby's {@code daemon/events/filter.go}
 * reads them: values of one key are alternatives, keys must all match, and a key without
 * values matches everything. Immutable and thread-safe.
 *
 * @param values the filter values by key
 */
public record EventFilter(Map<String, List<String>> values) {
  /** The keys Docker accepts on {@code /events}; the swarm ones never match a local event. */
  private static final Set<String> KEYS = Set.of("config", "container", "daemon", "event", "image", "label", "network",
      "node", "plugin", "scope", "secret", "service", "type", "volume");
  /** Object kinds matched on a prefix of the actor's ID or of its {@code name} attribute. */
  private static final List<String> NAMED = List.of("config", "container", "daemon", "network", "node", "plugin",
      "secret", "service", "volume");
  /** Actions matched as prefixes when named alone: {@code health_status} is {@code health_status: healthy} too. */
  private static final Set<String> PREFIX_ACTIONS = Set.of("health_status", "exec_create", "exec_start");

  public static final EventFilter NONE = new EventFilter(Map.of());

  public EventFilter {
    Map<String, List<String>> copy = new TreeMap<>();
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    values = java.util.Collections.unmodifiableMap(copy);
  }

  /** Checks the keys: an unknown one is Docker's "invalid filter" (400). */
  public static EventFilter parse(Map<String, List<String>> filters) {
    if (filters == null || filters.isEmpty()) {
      return NONE;
    }
    for (String key : filters.keySet()) {
      if (!KEYS.contains(key)) {
        throw new InvalidArgument("invalid filter '" + key + "'");
      }
    }
    return new EventFilter(filters);
  }

  public boolean matches(Event e) {
    if (values.isEmpty()) {
      return true;
    }
    boolean prefixAction = values.getOrDefault("event", List.of()).stream().anyMatch(PREFIX_ACTIONS::contains);
    if (!(prefixAction ? prefix("event", e.action()) : exact("event", e.action()))
        || !exact("type", e.type()) || !exact("scope", "local") || !image(e) || !labels(e.attributes())) {
      return false;
    }
    for (String kind : NAMED) {
      if (!prefix(kind, e.actorId()) && !prefix(kind, e.attributes().get("name"))) {
        return false;
      }
    }
    return true;
  }

  private boolean exact(String key, String value) {
    List<String> wanted = values.get(key);
    return wanted == null || wanted.isEmpty() || wanted.contains(value);
  }

  private boolean prefix(String key, String value) {
    List<String> wanted = values.get(key);
    if (wanted == null || wanted.isEmpty()) {
      return true;
    }
    return value != null && wanted.stream().anyMatch(value::startsWith);
  }

  /**
   * The image of an image event (its ID or {@code name}) or of a container event (its
   * {@code image} attribute), each also without its tag: {@code image=busybox} matches a
   * container of {@code busybox:1.36}.
   */
  private boolean image(Event e) {
    String name = e.attributes().getOrDefault(e.type().equals("image") ? "name" : "image", "");
    return exact("image", e.actorId()) || exact("image", name)
        || exact("image", familiarName(e.actorId())) || exact("image", familiarName(name));
  }

  private static String familiarName(String image) {
    try {
      return ImageReference.parse(image).familiarName();
    } catch (RuntimeException e) {
      return image;
    }
  }

  /** Every {@code label} value, {@code key} or {@code key=value}, must hold on the attributes. */
  private boolean labels(Map<String, String> attributes) {
    for (String label : values.getOrDefault("label", List.of())) {
      int eq = label.indexOf('=');
      String key = eq < 0 ? label : label.substring(0, eq);
      String value = attributes.get(key);
      if (value == null || (eq >= 0 && !value.equals(label.substring(eq + 1)))) {
        return false;
      }
    }
    return true;
  }
}
