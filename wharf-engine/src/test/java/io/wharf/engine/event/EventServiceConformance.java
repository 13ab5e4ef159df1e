package io.wharf.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventService} must do; each implementation's test extends this and says
 * how to make one.
 */
abstract class EventServiceConformance {
  /** A fresh service without history. */
  protected abstract EventService events();

  static long nowNano() throws InterruptedException {
    Thread.sleep(2); // keeps the clock readings of a test apart from the events around them
    Instant now = Instant.now();
    long nano = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    Thread.sleep(2);
    return nano;
  }

  /** A subscription on its own thread, its events collected. */
  static final class Subscriber implements AutoCloseable {
    final LinkedBlockingQueue<Event> received = new LinkedBlockingQueue<>();
    final Thread thread;

    Subscriber(EventService events, long since, long until, Map<String, List<String>> filters) {
      thread = Thread.ofVirtual().start(() -> {
        try {
          events.subscribe(since, until, filters, received::add);
        } catch (InterruptedException e) {
          // closed
        }
      });
    }

    Event next() throws InterruptedException {
      Event e = received.poll(5, TimeUnit.SECONDS);
      assertThat(e).as("an event within 5 s").isNotNull();
      return e;
    }

    @Override
    public void close() {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static String actions(List<Event> events) {
    return String.join(" ", events.stream().map(Event::action).toList());
  }

  @Test
  void withoutSinceOrUntilASubscriberSeesOnlyNewEvents() throws Exception {
    EventService events = events();
    events.publish("container", "create", "old", Map.of());
    try (Subscriber s = new Subscriber(events, 0, 0, Map.of())) {
      Event first = null;
      while (first == null) { // until the subscription is in place
        events.publish("container", "start", "new", Map.of("name", "web"));
        first = s.received.poll(20, TimeUnit.MILLISECONDS);
      }
      assertThat(first.actorId()).isEqualTo("new");
      assertThat(first.attributes()).containsEntry("name", "web");
    }
  }

  @Test
  void sinceReplaysTheHistoryThenFollowsNewEventsInOrder() throws Exception {
    EventService events = events();
    events.publish("container", "before", "x", Map.of());
    long since = nowNano();
    events.publish("container", "create", "c1", Map.of("name", "web"));
    events.publish("container", "start", "c1", Map.of("name", "web"));
    try (Subscriber s = new Subscriber(events, since, 0, Map.of())) {
      assertThat(s.next().action()).isEqualTo("create");
      assertThat(s.next().action()).isEqualTo("start");
      events.publish("container", "die", "c1", Map.of("exitCode", "0"));
      Event die = s.next();
      assertThat(die.action()).isEqualTo("die");
      assertThat(die.attributes()).containsEntry("exitCode", "0");
      assertThat(die.timeNano()).isGreaterThan(since);
    }
  }

  @Test
  void aPastUntilGivesTheWindowAndReturns() throws Exception {
    EventService events = events();
    long since = nowNano();
    events.publish("container", "create", "c1", Map.of());
    events.publish("container", "start", "c1", Map.of());
    long until = nowNano();
    events.publish("container", "die", "c1", Map.of());
    List<Event> got = new ArrayList<>();
    events.subscribe(since, until, Map.of(), got::add);
    assertThat(actions(got)).isEqualTo("create start");
    got.clear();
    events.subscribe(0, until, Map.of(), got::add); // no since: the history up to until
    assertThat(actions(got)).isEqualTo("create start");
  }

  @Test
  void aFutureUntilEndsTheStreamWhenItPasses() throws Exception {
    EventService events = events();
    long since = nowNano();
    long until = since + Duration.ofMillis(400).toNanos();
    Thread.ofVirtual().start(() -> {
      events.publish("volume", "create", "data", Map.of());
    });
    List<Event> got = new ArrayList<>();
    events.subscribe(since, until, Map.of(), got::add);
    assertThat(nowNano()).isGreaterThanOrEqualTo(until);
    assertThat(actions(got)).isEqualTo("create");
  }

  @Test
  void filtersApplyToHistoryAndNewEvents() throws Exception {
    EventService events = events();
    long since = nowNano();
    events.publish("container", "start", "c1", Map.of("name", "web", "tier", "front"));
    events.publish("container", "start", "c2", Map.of("name", "db"));
    events.publish("network", "connect", "n1", Map.of("name", "bridge", "container", "c1"));
    try (Subscriber s = new Subscriber(events, since, 0,
        Map.of("type", List.of("container"), "label", List.of("tier=front")))) {
      assertThat(s.next().actorId()).isEqualTo("c1");
      events.publish("container", "die", "c2", Map.of("name", "db"));
      events.publish("container", "die", "c1", Map.of("name", "web", "tier", "front"));
      Event next = s.next();
      assertThat(next.actorId()).isEqualTo("c1");
      assertThat(next.action()).isEqualTo("die");
      assertThat(s.received).isEmpty();
    }
  }

  @Test
  void anUnknownFilterFailsBeforeAnything() {
    assertThatThrownBy(() -> events().subscribe(1, 2, Map.of("colour", List.of("red")), e -> {}))
        .isInstanceOf(InvalidArgument.class);
  }

  @Test
  void aSinkThatThrowsEndsItsSubscription() throws Exception {
    EventService events = events();
    long since = nowNano();
    events.publish("image", "pull", "busybox:latest", Map.of("name", "busybox:latest"));
    List<Event> got = new ArrayList<>();
    events.subscribe(since, 0, Map.of(), e -> {
      got.add(e);
      throw new IOException("the client went away");
    });
    assertThat(got).hasSize(1);
  }

  @Test
  void aSlowSubscriberDoesNotBlockPublishing() throws Exception {
    EventService events = events();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch first = new CountDownLatch(1);
    long since = nowNano();
    Thread slow = Thread.ofVirtual().start(() -> {
      try {
        events.subscribe(since, 0, Map.of(), e -> {
          first.countDown();
          try {
            release.await();
          } catch (InterruptedException x) {
            throw new IOException(x);
          }
        });
      } catch (InterruptedException e) {
        // ended
      }
    });
    events.publish("container", "create", "c0", Map.of());
    assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    for (int i = 0; i < 5_000; i++) {
      events.publish("container", "exec_start", "c" + i, Map.of("name", "busy"));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    release.countDown();
    slow.join(Duration.ofSeconds(10)); // dropped: its stream ends once it has taken what was queued
    assertThat(slow.isAlive()).isFalse();
  }
}
