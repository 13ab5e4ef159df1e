package io.wharf.engine.container.stats;

import io.wharf.engine.container.stats.StatsSnapshot.BlkioEntry;
import io.wharf.engine.container.stats.StatsSnapshot.BlkioStats;
import io.wharf.engine.container.stats.StatsSnapshot.CpuUsage;
import io.wharf.engine.container.stats.StatsSnapshot.MemoryStats;
import io.wharf.engine.container.stats.StatsSnapshot.PidsStats;
import io.wharf.engine.container.stats.StatsSnapshot.ThrottlingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cgroup on cgroup v1: the same path under each controller's hierarchy
 * ({@code <root>/cpuacct/<path>}, {@code <root>/memory/<path>} …), read as containerd's v1
 * metrics read it. Stateless.
 */
final class CgroupV1 {
  private CgroupV1() {}

  static CgroupCounters read(Path root, String path, long memTotal) {
    Path cpuacct = controller(root, path, "cpuacct", "cpu,cpuacct", "cpuacct,cpu");
    Map<String, Long> ticks = CgroupFiles.keyed(CgroupFiles.text(cpuacct.resolve("cpuacct.stat")));
    CpuUsage cpu = new CpuUsage(CgroupFiles.number(cpuacct.resolve("cpuacct.usage")),
        CgroupFiles.numbers(CgroupFiles.text(cpuacct.resolve("cpuacct.usage_percpu"))),
        HostCpu.ticksToNanos(ticks.getOrDefault("system", 0L)), HostCpu.ticksToNanos(ticks.getOrDefault("user", 0L)));

    Path cpuDir = controller(root, path, "cpu", "cpu,cpuacct", "cpuacct,cpu");
    Map<String, Long> cpuStat = CgroupFiles.keyed(CgroupFiles.text(cpuDir.resolve("cpu.stat")));
    ThrottlingData throttling = new ThrottlingData(cpuStat.getOrDefault("nr_periods", 0L),
        cpuStat.getOrDefault("nr_throttled", 0L), cpuStat.getOrDefault("throttled_time", 0L));

    Path memory = controller(root, path, "memory");
    MemoryStats mem = new MemoryStats(CgroupFiles.number(memory.resolve("memory.usage_in_bytes")),
        CgroupFiles.number(memory.resolve("memory.max_usage_in_bytes")),
        CgroupFiles.keyed(CgroupFiles.text(memory.resolve("memory.stat"))),
        CgroupFiles.number(memory.resolve("memory.failcnt")),
        CgroupCounters.memoryLimit(CgroupFiles.number(memory.resolve("memory.limit_in_bytes")), memTotal));

    Path pidsDir = controller(root, path, "pids");
    PidsStats pids = new PidsStats(CgroupFiles.number(pidsDir.resolve("pids.current")),
        CgroupCounters.pidsLimit(CgroupFiles.number(pidsDir.resolve("pids.max"))));

    return new CgroupCounters(cpu, throttling, mem, pids, blkio(controller(root, path, "blkio")));
  }

  /**
   * The CFQ scheduler's recursive counters where the kernel has them, else the throttling
   * layer's, which count every device whatever its scheduler (containerd's order).
   */
  private static BlkioStats blkio(Path dir) {
    List<BlkioEntry> bytes = entries(CgroupFiles.text(dir.resolve("blkio.io_service_bytes_recursive")));
    List<BlkioEntry> serviced = entries(CgroupFiles.text(dir.resolve("blkio.io_serviced_recursive")));
    if (bytes.isEmpty() && serviced.isEmpty()) {
      bytes = entries(CgroupFiles.text(dir.resolve("blkio.throttle.io_service_bytes_recursive")));
      serviced = entries(CgroupFiles.text(dir.resolve("blkio.throttle.io_serviced_recursive")));
    }
    // dockerd copies every v1 list, so an empty one is [] rather than null; it has no source
    // for the CFQ-only lists beyond these two on kernels without CFQ
    List<BlkioEntry> none = List.of();
    return new BlkioStats(bytes, serviced, none, none, none, none, none, none);
  }

  /** {@code 8:0 Read 4096} lines; the closing {@code Total N} line has no device and is left out. */
  static List<BlkioEntry> entries(String text) {
    List<BlkioEntry> entries = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] words = line.strip().split("\\s+");
      int colon = words[0].indexOf(':');
      if (words.length != 3 || colon < 0) {
        continue;
      }
      entries.add(new BlkioEntry(CgroupFiles.number(words[0].substring(0, colon)),
          CgroupFiles.number(words[0].substring(colon + 1)), words[1], CgroupFiles.number(words[2])));
    }
    return entries;
  }

  /** The cgroup's directory under the first of {@code names} that is mounted. */
  private static Path controller(Path root, String path, String... names) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    for (String name : names) {
      if (Files.isDirectory(root.resolve(name))) {
        return root.resolve(name).resolve(relative);
      }
    }
    return root.resolve(names[0]).resolve(relative);
  }
}
