package io.wharf.engine.container;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Docker's healthchecks: while a container runs, its check runs as an exec in the container at
 * each interval ({@code --health-start-interval} during the start period); success makes it
 * {@code healthy}, {@code retries} failures in a row {@code unhealthy}, and failures during the
 * start period do not count. The last five results are kept. One timer thread schedules; each
 * check runs on a virtual thread, so a slow check blocks nothing else. Thread-safe.
 */
final class HealthMonitor implements AutoCloseable {
  private static final long DEFAULT_INTERVAL = 30_000_000_000L;
  private static final long DEFAULT_TIMEOUT = 30_000_000_000L;
  private static final long DEFAULT_START_INTERVAL = 5_000_000_000L;
  private static final int DEFAULT_RETRIES = 3;
  private static final int OUTPUT_LIMIT = 4096;

  /** What the monitor needs of the container service. */
  interface Host {
    /** Runs {@code cmd} in the container; its output goes to {@code out}; returns the exit code. */
    int exec(String id, List<String> cmd, ByteArrayOutputStream out) throws Exception;

    /** Changes the container's status, if it still runs. */
    void record(String id, UnaryOperator<RunStatus> change);
  }

  /** A container's check, durations in nanoseconds (0: Docker's default). */
  record Check(List<String> test, long interval, long timeout, int retries, long startPeriod, long startInterval) {
    /** The check a container has: the request's, else the image's; null for none or {@code NONE}. */
    static Check of(Map<String, Object> requested, Map<String, Object> image) {
      Map<String, Object> hc = requested != null ? merge(image, requested) : image;
      if (hc == null || !(hc.get("Test") instanceof List<?> test) || test.isEmpty() || test.getFirst().equals("NONE")) {
        return null;
      }
      List<String> words = test.stream().map(Object::toString).toList();
      return new Check(words, number(hc, "Interval"), number(hc, "Timeout"), (int) number(hc, "Retries"),
          number(hc, "StartPeriod"), number(hc, "StartInterval"));
    }

    /** Docker keeps the image's values for what the request leaves at zero. */
    private static Map<String, Object> merge(Map<String, Object> image, Map<String, Object> requested) {
      Map<String, Object> out = new java.util.LinkedHashMap<>(image == null ? Map.of() : image);
      requested.forEach((k, v) -> {
        if (v != null && !(v instanceof Number n && n.longValue() == 0) && !(v instanceof List<?> l && l.isEmpty())) {
          out.put(k, v);
        }
      });
      return out;
    }

    private static long number(Map<String, Object> hc, String key) {
      return hc.get(key) instanceof Number n ? n.longValue() : 0;
    }

    List<String> command() {
      return switch (test.getFirst()) {
        case "CMD" -> test.subList(1, test.size());
        case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
        default -> test; // a bare command, as old images have it
      };
    }
  }

  private final Host host;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("wharf-health").factory());
  private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();

  HealthMonitor(Host host) {
    this.host = host;
  }

  /** Starts checking container {@code id}, started at {@code startedAt}; status {@code starting}. */
  void start(String id, Check check, Instant startedAt) {
    stop(id);
    host.record(id, s -> s.withHealth("starting", 0, s.healthLog()));
    schedule(id, check, startedAt, "starting");
  }

  void stop(String id) {
    ScheduledFuture<?> f = scheduled.remove(id);
    if (f != null) {
      f.cancel(false);
    }
  }

  private void schedule(String id, Check check, Instant startedAt, String status) {
    boolean inStart = Instant.now().isBefore(startedAt.plusNanos(check.startPeriod()));
    long delay = status.equals("starting") && inStart && check.startInterval() > 0 ? check.startInterval()
        : status.equals("starting") && check.startPeriod() > 0 && inStart ? DEFAULT_START_INTERVAL
        : check.interval() > 0 ? check.interval() : DEFAULT_INTERVAL;
    scheduled.put(id, timer.schedule(() -> Thread.ofVirtual().name("health-" + id.substring(0, 12))
        .start(() -> run(id, check, startedAt)), delay, TimeUnit.NANOSECONDS));
  }

  private void run(String id, Check check, Instant startedAt) {
    if (!scheduled.containsKey(id)) {
      return;
    }
    Instant start = Instant.now();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    long timeout = check.timeout() > 0 ? check.timeout() : DEFAULT_TIMEOUT;
    try {
      var future = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return host.exec(id, check.command(), out);
        } catch (Exception e) {
          out.writeBytes(e.getMessage() == null ? new byte[0] : e.getMessage().getBytes());
          return -1;
        }
      }, r -> Thread.ofVirtual().start(r));
      code = future.get(timeout, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      out.reset();
      out.writeBytes(("Health check exceeded timeout (" + java.time.Duration.ofNanos(timeout) + ")").getBytes());
      code = -1;
    } catch (Exception e) {
      code = -1;
    }
    String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    String output = text.length() > OUTPUT_LIMIT ? text.substring(0, OUTPUT_LIMIT) : text;
    RunStatus.HealthResult result = new RunStatus.HealthResult(start.toString(), Instant.now().toString(), code, output);
    boolean inStart = start.isBefore(startedAt.plusNanos(check.startPeriod()));
    int retries = check.retries() > 0 ? check.retries() : DEFAULT_RETRIES;
    int finalCode = code;
    String[] next = new String[1];
    host.record(id, s -> {
      List<RunStatus.HealthResult> log = new ArrayList<>(s.healthLog());
      log.add(result);
      while (log.size() > 5) {
        log.removeFirst();
      }
      String status = s.health();
      int streak = s.failingStreak();
      if (finalCode == 0) {
        status = "healthy";
        streak = 0;
      } else if (!inStart || !status.equals("starting")) {
        streak++;
        if (streak >= retries) {
          status = "unhealthy";
        }
      }
      next[0] = status;
      return s.withHealth(status, streak, log);
    });
    if (scheduled.containsKey(id)) {
      schedule(id, check, startedAt, next[0] == null ? "starting" : next[0]);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
