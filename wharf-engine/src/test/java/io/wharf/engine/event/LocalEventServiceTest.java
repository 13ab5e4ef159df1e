package io.wharf.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.engine.state.StateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEventServiceTest extends EventServiceConformance {
  @TempDir Path temp;
  StateStore state;
  final List<LocalEventService> opened = new ArrayList<>();

  @BeforeEach
  void openState() {
    state = new StateStore(temp.resolve("wharf.db"));
  }

  @AfterEach
  void closeAll() {
    opened.forEach(LocalEventService::close);
    state.close();
  }

  @Override
  protected LocalEventService events() {
    return open(new LocalEventService(state));
  }

  private LocalEventService open(LocalEventService events) {
    opened.add(events);
    return events;
  }

  private static List<Event> history(EventService events) throws InterruptedException {
    List<Event> got = new ArrayList<>();
    events.subscribe(1, nowNano(), Map.of(), got::add);
    return got;
  }

  @Test
  void aNewServiceOnTheSameDatabaseSeesTheHistory() throws Exception {
    LocalEventService first = events();
    first.publish("container", "create", "c1", Map.of("name", "web", "image", "busybox"));
    first.publish("container", "destroy", "c1", Map.of("name", "web", "image", "busybox"));
    List<Event> before = history(first);
    first.close();

    LocalEventService second = events();
    List<Event> after = history(second);
    assertThat(after).isEqualTo(before);
    assertThat(after.getFirst().attributes()).containsEntry("image", "busybox").containsEntry("name", "web");
    second.publish("volume", "create", "data", Map.of());
    assertThat(history(second).getLast().timeNano()).isGreaterThan(after.getLast().timeNano());
  }

  @Test
  void theHistoryKeepsOnlyTheNewestEventsInMemoryAndOnDisk() throws Exception {
    LocalEventService events = open(new LocalEventService(state, 5, 16));
    for (int i = 1; i <= 8; i++) {
      events.publish("container", "start", "c" + i, Map.of());
    }
    assertThat(history(events)).extracting(Event::actorId).containsExactly("c4", "c5", "c6", "c7", "c8");
    events.close();
    LocalEventService reopened = open(new LocalEventService(state, 5, 16));
    assertThat(history(reopened)).extracting(Event::actorId).containsExactly("c4", "c5", "c6", "c7", "c8");
    int rows = state.transaction(c -> {
      var rs = c.createStatement().executeQuery("SELECT count(*) FROM events");
      rs.next();
      return rs.getInt(1);
    });
    assertThat(rows).isEqualTo(5);
  }

  @Test
  void theDefaultHistoryIsTenThousandEvents() throws Exception {
    LocalEventService events = events();
    for (int i = 0; i < LocalEventService.HISTORY + 10; i++) {
      events.publish("network", "connect", "n" + i, Map.of());
    }
    List<Event> kept = history(events);
    assertThat(kept).hasSize(10_000);
    assertThat(kept.getFirst().actorId()).isEqualTo("n10");
  }

  @Test
  void closeEndsTheSubscriptions() throws Exception {
    LocalEventService events = events();
    try (Subscriber s = new Subscriber(events, nowNano(), 0, Map.of())) {
      events.publish("daemon", "reload", "wharfd", Map.of());
      s.next(); // following
      events.close();
      s.thread.join(java.time.Duration.ofSeconds(5));
      assertThat(s.thread.isAlive()).isFalse();
    }
  }
}
