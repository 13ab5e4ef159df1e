package io.wharf.engine.container;

import java.util.List;

/**
 * What happened to a container beyond its state: whether the OOM killer ended its last run, how
 * often its restart policy restarted it, whether it is paused, whether the user stopped it
 * ({@code unless-stopped} then keeps it down), and its health. Immutable.
 *
 * @param health {@code starting}, {@code healthy}, {@code unhealthy}, or "" without a healthcheck
 * @param healthLog the last five checks, oldest first
 */
public record RunStatus(boolean oomKilled, int restartCount, boolean paused, boolean stoppedByUser, String health,
    int failingStreak, List<HealthResult> healthLog) {

  public static final RunStatus NONE = new RunStatus(false, 0, false, false, "", 0, List.of());

  public RunStatus {
    health = health == null ? "" : health;
    healthLog = healthLog == null ? List.of() : List.copyOf(healthLog);
  }

  /** One healthcheck run: when it started and ended (RFC 3339), its exit code and output. */
  public record HealthResult(String start, String end, int exitCode, String output) {}

  public RunStatus withOomKilled(boolean oom) {
    return new RunStatus(oom, restartCount, paused, stoppedByUser, health, failingStreak, healthLog);
  }

  public RunStatus withRestartCount(int count) {
    return new RunStatus(oomKilled, count, paused, stoppedByUser, health, failingStreak, healthLog);
  }

  public RunStatus withPaused(boolean p) {
    return new RunStatus(oomKilled, restartCount, p, stoppedByUser, health, failingStreak, healthLog);
  }

  public RunStatus withStoppedByUser(boolean stopped) {
    return new RunStatus(oomKilled, restartCount, paused, stopped, health, failingStreak, healthLog);
  }

  public RunStatus withHealth(String status, int streak, List<HealthResult> log) {
    return new RunStatus(oomKilled, restartCount, paused, stoppedByUser, status, streak, log);
  }
}
