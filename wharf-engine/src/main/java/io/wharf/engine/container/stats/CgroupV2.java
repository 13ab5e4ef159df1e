package io.wharf.engine.container.stats;

import io.wharf.engine.container.stats.StatsSnapshot.BlkioEntry;
import io.wharf.engine.container.stats.StatsSnapshot.BlkioStats;
import io.wharf.engine.container.stats.StatsSnapshot.CpuUsage;
import io.wharf.engine.container.stats.StatsSnapshot.MemoryStats;
import io.wharf.engine.container.stats.StatsSnapshot.PidsStats;
import io.wharf.engine.container.stats.StatsSnapshot.ThrottlingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cgroup on the unified hierarchy (cgroup v2): one directory, {@code <root>/<path>}, read as
 * dockerd's {@code statsV2} does. v2 has no per-CPU usage, peak or failure count: those stay
 * zero, and Docker leaves them out. Stateless.
 */
final class CgroupV2 {
  private static final long NANOS_PER_MICRO = 1000;

  private CgroupV2() {}

  static CgroupCounters read(Path root, String path, long memTotal) {
    Path dir = root.resolve(path.startsWith("/") ? path.substring(1) : path);
    Map<String, Long> cpuStat = CgroupFiles.keyed(CgroupFiles.text(dir.resolve("cpu.stat")));
    CpuUsage cpu = new CpuUsage(micros(cpuStat, "usage_usec"), List.of(), micros(cpuStat, "system_usec"),
        micros(cpuStat, "user_usec"));
    ThrottlingData throttling = new ThrottlingData(cpuStat.getOrDefault("nr_periods", 0L),
        cpuStat.getOrDefault("nr_throttled", 0L), micros(cpuStat, "throttled_usec"));
    MemoryStats memory = new MemoryStats(CgroupFiles.number(dir.resolve("memory.current")), 0,
        CgroupFiles.keyed(CgroupFiles.text(dir.resolve("memory.stat"))), 0,
        CgroupCounters.memoryLimit(CgroupFiles.number(dir.resolve("memory.max")), memTotal));
    PidsStats pids = new PidsStats(CgroupFiles.number(dir.resolve("pids.current")),
        CgroupCounters.pidsLimit(CgroupFiles.number(dir.resolve("pids.max"))));
    List<BlkioEntry> io = entries(CgroupFiles.text(dir.resolve("io.stat")));
    return new CgroupCounters(cpu, throttling, memory, pids, BlkioStats.of(io.isEmpty() ? null : io, null));
  }

  /**
   * {@code io.stat}'s {@code 8:0 rbytes=4096 wbytes=0 rios=1 …} lines as two entries per
   * device, {@code read} and {@code write} (Docker's lower-case op names on v2).
   */
  static List<BlkioEntry> entries(String ioStat) {
    List<BlkioEntry> entries = new ArrayList<>();
    for (String line : ioStat.split("\n")) {
      String[] words = line.strip().split("\\s+");
      int colon = words[0].indexOf(':');
      if (colon < 0) {
        continue;
      }
      long major = CgroupFiles.number(words[0].substring(0, colon));
      long minor = CgroupFiles.number(words[0].substring(colon + 1));
      long read = 0;
      long written = 0;
      for (String word : words) {
        if (word.startsWith("rbytes=")) {
          read = CgroupFiles.number(word.substring("rbytes=".length()));
        } else if (word.startsWith("wbytes=")) {
          written = CgroupFiles.number(word.substring("wbytes=".length()));
        }
      }
      entries.add(new BlkioEntry(major, minor, "read", read));
      entries.add(new BlkioEntry(major, minor, "write", written));
    }
    return entries;
  }

  private static long micros(Map<String, Long> stat, String key) {
    return stat.getOrDefault(key, 0L) * NANOS_PER_MICRO;
  }
}
