package io.wharf.engine.event;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Docker's event stream. Services {@link #publish} what happens; {@code docker events}
 * {@link #subscribe}s. Thread-safe.
 *
 * <p>Lifecycle of a subscription: the recorded events of the window {@code [since, until]}
 * are delivered first, in order; then, unless {@code until} has passed, new events as they
 * are published, until {@code until} passes, the sink throws, the subscriber falls too far
 * behind or the service closes. Nothing is lost or repeated between the two parts.
 *
 * <p>Example: {@code docker events --since 10m --filter type=container --filter event=die}
 * is {@code subscribe(now - 10 min, 0, Map.of("type", List.of("container"), "event",
 * List.of("die")), sink)}: the containers that died in the last ten minutes, then each one
 * that dies from now on.
 */
public interface EventService {
  /**
   * Records an event and hands it to the subscribers, stamped with the current time. Cheap,
   * and never waits for a subscriber.
   *
   * @param type {@code container}, {@code image}, {@code volume}, {@code network} or {@code daemon}
   * @param action Docker's action ({@code start}, {@code health_status: healthy} …; see {@link Event})
   * @param actorId the object's ID
   * @param attributes the object's details ({@code name}, {@code image}, {@code exitCode} …), or null
   */
  void publish(String type, String action, String actorId, Map<String, String> attributes);

  /**
   * Delivers to {@code sink} the recorded events in {@code [sinceNano, untilNano]} that match
   * {@code filters}, in order, then (when {@code untilNano} is 0 or in the future) new ones as
   * they come, until {@code sink} throws, {@code untilNano} passes or the service closes;
   * returns when done. Both times are nanoseconds since the Unix epoch, 0 for open; when both
   * are 0 there is no history, only new events (as in Docker, whose {@code docker events}
   * without {@code --since} shows only what happens next).
   *
   * <p>Filters are {@code docker events --filter}'s: values of one key are alternatives, keys
   * must all match. {@code type}, {@code event} (an action; {@code health_status},
   * {@code exec_create} and {@code exec_start} match as prefixes, so {@code health_status}
   * matches {@code health_status: healthy}), {@code image} (ID or name, with or without tag),
   * {@code label} ({@code key} or {@code key=value}, on the attributes), and {@code container},
   * {@code volume}, {@code network}, {@code daemon} (prefix of the actor's ID or name).
   *
   * @throws io.wharf.oci.errors.InvalidArgument for an unknown filter key, before any delivery
   * @throws InterruptedException when the calling thread is interrupted while it waits
   */
  void subscribe(long sinceNano, long untilNano, Map<String, List<String>> filters, EventSink sink)
      throws InterruptedException;

  /** Where a subscription's events go, one at a time, on the subscribing thread. */
  @FunctionalInterface
  interface EventSink {
    /** Takes one event; an exception ends the subscription (the client went away). */
    void accept(Event e) throws IOException;
  }
}
