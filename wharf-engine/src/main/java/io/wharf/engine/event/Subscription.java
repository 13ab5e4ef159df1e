package io.wharf.engine.event;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One subscriber's live events: its filter, applied as events are published, and its bounded
 * queue. Thread-safe for one publisher (under the service's lock) and one reader (the
 * subscribing thread).
 */
final class Subscription {
  /** Ends the reader's wait: the subscriber was dropped, or the service closed. */
  static final Event END = new Event("", "", "", null, 0);
  private final EventFilter filter;
  private final int limit;
  /** {@code limit} events, and room for {@link #END} after them. */
  private final ArrayBlockingQueue<Event> queue;

  Subscription(EventFilter filter, int limit) {
    this.filter = filter;
    this.limit = limit;
    this.queue = new ArrayBlockingQueue<>(limit + 1);
  }

  /**
   * Queues {@code e} if the subscriber wants it; never waits. False when the queue is full:
   * the subscriber has fallen behind, gets what it has queued and then the end.
   */
  boolean offer(Event e) {
    if (!filter.matches(e)) {
      return true;
    }
    if (queue.size() >= limit) {
      queue.offer(END);
      return false;
    }
    queue.offer(e);
    return true;
  }

  /** Ends the subscription once the reader has taken what is queued. */
  void end() {
    queue.offer(END); // fails only when it holds END already
  }

  /** The next event, waiting at most {@code timeoutNanos} (forever when negative); null on timeout. */
  Event next(long timeoutNanos) throws InterruptedException {
    return timeoutNanos < 0 ? queue.take() : queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
  }
}
