package io.wharf.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether the kernel's OOM killer struck in a container's cgroup: the {@code oom_kill} counter
 * of cgroup v1's {@code memory.oom_control} or v2's {@code memory.events}, read after the
 * container exited and before the runtime deletes the cgroup. Stateless.
 */
final class OomCheck {
  private OomCheck() {}

  /** {@code cgroupsPath} as in the OCI spec ({@code /wharf-<tag>/<id>}). */
  static boolean killed(String cgroupsPath) {
    for (Path file : List.of(Path.of("/sys/fs/cgroup/memory" + cgroupsPath, "memory.oom_control"),
        Path.of("/sys/fs/cgroup" + cgroupsPath, "memory.events"))) {
      try {
        for (String line : Files.readAllLines(file)) {
          String[] words = line.strip().split("\\s+");
          if (words.length == 2 && words[0].equals("oom_kill") && Long.parseLong(words[1]) > 0) {
            return true;
          }
        }
      } catch (IOException | NumberFormatException e) {
        // not this cgroup version, or gone already
      }
    }
    return false;
  }
}
