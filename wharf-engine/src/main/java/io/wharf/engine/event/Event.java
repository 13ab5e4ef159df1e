package io.wharf.engine.event;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One event, as Docker's: what happened ({@code action}) to which object ({@code type} and
 * {@code actorId}), with the object's details in {@code attributes}, at {@code timeNano}.
 * Immutable.
 *
 * <p>Types are {@code container}, {@code image}, {@code volume}, {@code network} and
 * {@code daemon}. Actions are Docker's: {@code create}, {@code start}, {@code die},
 * {@code destroy}, {@code oom}, {@code health_status: healthy}, {@code pause},
 * {@code unpause}, {@code kill}, {@code stop}, {@code restart}, {@code rename} for
 * containers; {@code tag}, {@code untag}, {@code delete}, {@code import}, {@code load},
 * {@code pull}, {@code push}, {@code save} for images; {@code create}, {@code mount},
 * {@code unmount}, {@code destroy} for volumes; {@code create}, {@code connect},
 * {@code disconnect}, {@code destroy} for networks; {@code prune} for any. Attributes are
 * Docker's too: {@code name} and {@code image} (plus the container's labels) of a container,
 * {@code exitCode} of {@code die}, {@code signal} of {@code kill}, {@code container} of a
 * network connection.
 *
 * @param type the kind of object
 * @param action what happened to it
 * @param actorId the object's ID (a volume's name; an image's ID or reference)
 * @param attributes details, sorted by key (null values are left out)
 * @param timeNano when it happened, in nanoseconds since the Unix epoch
 */
public record Event(String type, String action, String actorId, Map<String, String> attributes, long timeNano) {
  public Event {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(action, "action");
    actorId = actorId == null ? "" : actorId;
    TreeMap<String, String> sorted = new TreeMap<>();
    if (attributes != null) {
      attributes.forEach((k, v) -> {
        if (k != null && v != null) {
          sorted.put(k, v);
        }
      });
    }
    attributes = Collections.unmodifiableMap(sorted);
  }
}
