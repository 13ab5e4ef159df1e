package io.wharf.engine.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.wharf.engine.state.EventTable;
import io.wharf.engine.state.StateStore;
import io.wharf.oci.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The events of one daemon. The newest {@link #HISTORY} events are kept in memory, for
 * subscribers' windows, and in the state database's {@code events} table, so that
 * {@code --since} reaches back across a daemon restart (Docker keeps the last 256, in memory
 * only, and a busy Compose project makes hundreds a minute). A
 * background virtual thread writes them in batches: publishing takes a short lock, and never
 * waits for the database or a subscriber. Each subscriber has its own queue of
 * {@link #SUBSCRIBER_QUEUE} events; one that falls that far behind is dropped (its stream
 * ends) with a log line. Event times are unique and increasing, so that a window never splits
 * events that happened in one clock tick. Close it before the {@link StateStore}. Thread-safe.
 */
public final class LocalEventService implements EventService, AutoCloseable {
  /** How many events the history keeps. */
  public static final int HISTORY = 10_000;
  /** How many events a subscriber may be behind before it is dropped (Docker's buffer size). */
  public static final int SUBSCRIBER_QUEUE = 1024;
  private static final Logger LOG = Logger.getLogger(LocalEventService.class.getName());
  private static final int BATCH = 512;
  private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};
  private static final Event[] NO_EVENTS = {};

  private final StateStore state;
  private final int historyLimit;
  private final int queueLimit;
  private final ArrayDeque<Event> history = new ArrayDeque<>();
  private final List<Subscription> subscribers = new ArrayList<>();
  /** Published, not yet written; {@link Subscription#END} ends the writer. */
  private final LinkedBlockingDeque<Event> unwritten;
  private final Thread writer;
  private long lastTimeNano;
  private boolean closed;

  public LocalEventService(StateStore state) {
    this(state, HISTORY, SUBSCRIBER_QUEUE);
  }

  /** With other bounds, for tests. */
  LocalEventService(StateStore state, int historyLimit, int queueLimit) {
    this.state = state;
    this.historyLimit = historyLimit;
    this.queueLimit = queueLimit;
    this.unwritten = new LinkedBlockingDeque<>(historyLimit);
    for (EventTable.Row row : state.transaction(c -> EventTable.newest(c, historyLimit))) {
      history.addLast(new Event(row.type(), row.action(), row.actorId(), attributes(row.attributes()), row.timeNano()));
    }
    lastTimeNano = history.isEmpty() ? 0 : history.getLast().timeNano();
    writer = Thread.ofVirtual().name("event-writer").start(this::writeLoop);
  }

  @Override
  public void publish(String type, String action, String actorId, Map<String, String> attributes) {
    synchronized (this) {
      if (closed) {
        LOG.fine(() -> "event after close, not recorded: " + type + " " + action + " " + actorId);
        return;
      }
      lastTimeNano = Math.max(nowNano(), lastTimeNano + 1);
      Event e = new Event(type, action, actorId, attributes, lastTimeNano);
      if (history.size() >= historyLimit) {
        history.removeFirst();
      }
      history.addLast(e);
      while (!unwritten.offerLast(e)) {
        unwritten.pollFirst(); // the writer is a whole history behind: the oldest would be trimmed anyway
      }
      for (Iterator<Subscription> it = subscribers.iterator(); it.hasNext();) {
        if (!it.next().offer(e)) {
          it.remove();
          LOG.warning("events: a subscriber fell " + queueLimit + " events behind; its stream ends");
        }
      }
    }
  }

  @Override
  public void subscribe(long sinceNano, long untilNano, Map<String, List<String>> filters, EventSink sink)
      throws InterruptedException {
    EventFilter filter = EventFilter.parse(filters);
    boolean live = untilNano == 0 || untilNano > nowNano();
    Event[] past;
    Subscription subscription = null;
    synchronized (this) {
      past = sinceNano != 0 || untilNano != 0 ? history.toArray(NO_EVENTS) : NO_EVENTS;
      if (live && !closed) {
        subscription = new Subscription(filter, queueLimit);
        subscribers.add(subscription);
      }
    }
    try {
      for (Event e : past) {
        if (e.timeNano() >= sinceNano && (untilNano == 0 || e.timeNano() <= untilNano) && filter.matches(e)) {
          sink.accept(e);
        }
      }
      if (subscription != null) {
        follow(subscription, sinceNano, untilNano, sink);
      }
    } catch (IOException e) {
      // the sink is done: its client went away
    } finally {
      if (subscription != null) {
        synchronized (this) {
          subscribers.remove(subscription);
        }
      }
    }
  }

  /** New events, until {@code untilNano} passes or the subscription ends. */
  private static void follow(Subscription subscription, long sinceNano, long untilNano, EventSink sink)
      throws InterruptedException, IOException {
    while (true) {
      long wait = untilNano == 0 ? -1 : untilNano - nowNano();
      if (untilNano != 0 && wait <= 0) {
        return;
      }
      Event e = subscription.next(wait);
      if (e == null || e == Subscription.END || (untilNano != 0 && e.timeNano() > untilNano)) {
        return;
      }
      if (e.timeNano() >= sinceNano) {
        sink.accept(e);
      }
    }
  }

  /** Ends every subscription, and writes what is left to the database. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      subscribers.forEach(Subscription::end);
      subscribers.clear();
      while (!unwritten.offerLast(Subscription.END)) {
        unwritten.pollFirst();
      }
    }
    try {
      if (!writer.join(Duration.ofSeconds(10))) {
        LOG.warning("events: the last events were not written within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeLoop() {
    List<Event> batch = new ArrayList<>();
    boolean end = false;
    while (!end) {
      try {
        batch.add(unwritten.takeFirst());
      } catch (InterruptedException e) {
        return; // nobody interrupts it; close() ends it with END
      }
      unwritten.drainTo(batch, BATCH - 1);
      end = batch.removeIf(e -> e == Subscription.END);
      write(batch);
      batch.clear();
    }
  }

  private void write(List<Event> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      List<EventTable.Row> rows = new ArrayList<>(batch.size());
      for (Event e : batch) {
        rows.add(new EventTable.Row(e.timeNano(), e.type(), e.action(), e.actorId(),
            Json.MAPPER.writeValueAsString(e.attributes())));
      }
      state.transaction(c -> {
        EventTable.append(c, rows);
        EventTable.trim(c, historyLimit);
        return null;
      });
    } catch (JsonProcessingException | RuntimeException e) {
      // the events stay in memory; only a restart forgets them
      LOG.log(Level.WARNING, "events: cannot record " + batch.size() + " events: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> attributes(String json) {
    try {
      return Json.MAPPER.readValue(json, ATTRIBUTES);
    } catch (JsonProcessingException e) {
      LOG.warning("events: malformed attributes in the state database, left out: " + json);
      return Map.of();
    }
  }

  private static long nowNano() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
