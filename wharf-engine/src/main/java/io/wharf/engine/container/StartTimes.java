package io.wharf.engine.container;

/**
 * Where a container's start (exit, removal) spends its time, phase by phase, for the debug log
 * ({@code start of <id>: rootfs 1.2 ms, network 3.4 ms, …}). Not thread-safe: one start's.
 */
final class StartTimes {
  private final StringBuilder text = new StringBuilder();
  private long last = System.nanoTime();

  /** Ends the phase called {@code phase}: the time since the previous mark (or the creation). */
  void mark(String phase) {
    long now = System.nanoTime();
    if (!text.isEmpty()) {
      text.append(", ");
    }
    text.append(phase).append(' ').append((now - last) / 100_000 / 10.0).append(" ms");
    last = now;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
