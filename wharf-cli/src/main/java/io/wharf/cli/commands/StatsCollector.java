package io.wharf.cli.commands;

import io.wharf.client.ApiException;
import io.wharf.client.EngineClient;
import io.wharf.client.JsonValues;
import io.wharf.client.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The stats of several containers, each fetched on its own connection by a virtual thread, as
 * the docker CLI's {@code collect} goroutines do: one answer each ({@code stream=0}) or a
 * stream of them ({@code stream=1}). A container whose request fails or whose stream ends
 * keeps its error and shows {@code --}; in a stream, so does one without news for two seconds.
 * Thread-safe.
 */
final class StatsCollector implements AutoCloseable {
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** One container's latest entry and error. */
  private static final class Slot {
    final String container;
    final CountDownLatch first = new CountDownLatch(1);
    volatile StatsEntry entry;
    volatile long updated;
    volatile String error;
    volatile EngineClient client;
    volatile boolean closed;

    Slot(String container) {
      this.container = container;
      this.entry = StatsEntry.invalid(container);
    }
  }

  private final String host;
  private final boolean stream;
  private final Map<String, Slot> slots = new LinkedHashMap<>();

  StatsCollector(String host, boolean stream) {
    this.host = host;
    this.stream = stream;
  }

  /** Starts collecting {@code container}'s stats unless it is collected already. */
  synchronized void add(String container) {
    if (!slots.containsKey(container)) {
      Slot slot = new Slot(container);
      slots.put(container, slot);
      Thread.ofVirtual().name("stats-" + container).start(() -> collect(slot));
    }
  }

  /** Stops collecting {@code container}'s stats, and forgets them. */
  synchronized void remove(String container) {
    Slot slot = slots.remove(container);
    if (slot != null) {
      stop(slot);
    }
  }

  /** The containers collected, in the order they were added. */
  synchronized List<String> containers() {
    return new ArrayList<>(slots.keySet());
  }

  /** Waits until every container has its first stats, or its error. */
  void awaitFirst() throws InterruptedException {
    for (Slot slot : snapshot()) {
      slot.first.await();
    }
  }

  /** The errors so far, one line each, in the order of the containers. */
  List<String> errors() {
    List<String> errors = new ArrayList<>();
    for (Slot slot : snapshot()) {
      if (slot.error != null) {
        errors.add(slot.error);
      }
    }
    return errors;
  }

  /** The entries now, in the order of the containers. */
  List<StatsEntry> entries() {
    List<StatsEntry> entries = new ArrayList<>();
    long now = System.nanoTime();
    for (Slot slot : snapshot()) {
      StatsEntry entry = slot.entry;
      boolean quiet = stream && slot.error == null && now - slot.updated > QUIET_NANOS;
      entries.add(quiet && !entry.invalid() ? StatsEntry.invalid(slot.container) : entry);
    }
    return entries;
  }

  private synchronized List<Slot> snapshot() {
    return new ArrayList<>(slots.values());
  }

  private void collect(Slot slot) {
    String path = "/containers/" + URLEncoder.encode(slot.container, StandardCharsets.UTF_8) + "/stats?stream="
        + (stream ? "1" : "0");
    try (EngineClient client = new EngineClient(host)) {
      slot.client = client;
      if (slot.closed) {
        return;
      }
      try (Response response = client.get(path);
          BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> stats = (Map<String, Object>) JsonValues.read(line);
          slot.entry = StatsEntry.of(slot.container, stats);
          slot.updated = System.nanoTime();
          slot.first.countDown();
          if (!stream) {
            return;
          }
        }
        fail(slot, "EOF");
      }
    } catch (ApiException e) {
      fail(slot, "Error response from daemon: " + e.getMessage());
    } catch (Exception e) {
      if (!slot.closed) {
        fail(slot, e.getMessage() == null ? e.toString() : e.getMessage());
      }
    } finally {
      slot.first.countDown();
    }
  }

  private static void fail(Slot slot, String error) {
    slot.error = error;
    slot.entry = slot.entry.asInvalid();
  }

  private static void stop(Slot slot) {
    slot.closed = true;
    EngineClient client = slot.client;
    if (client != null) {
      client.close();
    }
  }

  @Override
  public synchronized void close() {
    slots.values().forEach(StatsCollector::stop);
    slots.clear();
  }
}
