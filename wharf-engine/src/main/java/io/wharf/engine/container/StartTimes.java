package io.wharf.engine.container;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a container's start (exit, removal) spends its time, phase by phase, for the debug log
 * ({@code start of <id>: rootfs 1.2 ms, network 3.4 ms, …}). A mark only reads the clock: the text
 * is made when the debug log asks for it. Not thread-safe: one start's.
 */
final class StartTimes {
  private final List<String> phases = new ArrayList<>(8);
  private final List<Long> ends = new ArrayList<>(8);
  private final long begun = System.nanoTime();

  /** Ends the phase called {@code phase}: the time since the previous mark (or the creation). */
  void mark(String phase) {
    ends.add(System.nanoTime());
    phases.add(phase);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    long last = begun;
    for (int i = 0; i < phases.size(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(phases.get(i)).append(' ').append((ends.get(i) - last) / 100_000 / 10.0).append(" ms");
      last = ends.get(i);
    }
    return text.toString();
  }
}
