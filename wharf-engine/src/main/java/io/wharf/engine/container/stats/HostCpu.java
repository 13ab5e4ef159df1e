package io.wharf.engine.container.stats;

/**
 * The host's side of the CPU and memory numbers, from {@code /proc/stat} and
 * {@code /proc/meminfo}, computed as dockerd computes them. Stateless.
 */
final class HostCpu {
  /** {@code sysconf(_SC_CLK_TCK)}: the unit of {@code /proc/stat}; 100 on every Linux Docker supports. */
  static final long CLOCK_TICKS_PER_SECOND = 100;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private HostCpu() {}

  /**
   * {@code system_cpu_usage}: the first seven columns of the {@code cpu} line (user, nice,
   * system, idle, iowait, irq, softirq) summed, in nanoseconds; 0 without that line.
   */
  static long systemCpuUsage(String procStat) {
    for (String line : procStat.split("\n")) {
      String[] words = line.strip().split("\\s+");
      if (words[0].equals("cpu") && words.length >= 8) {
        long ticks = 0;
        for (int i = 1; i < 8; i++) {
          ticks += CgroupFiles.number(words[i]);
        }
        return ticks * (NANOS_PER_SECOND / CLOCK_TICKS_PER_SECOND);
      }
    }
    return 0;
  }

  /** {@code online_cpus}: the {@code cpuN} lines of {@code /proc/stat}. */
  static int onlineCpus(String procStat) {
    int cpus = 0;
    for (String line : procStat.split("\n")) {
      if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
        cpus++;
      }
    }
    return cpus;
  }

  /** {@code MemTotal} of {@code /proc/meminfo} in bytes; 0 without it. */
  static long memTotal(String meminfo) {
    for (String line : meminfo.split("\n")) {
      if (line.startsWith("MemTotal:")) {
        String[] words = line.substring("MemTotal:".length()).strip().split("\\s+");
        long value = CgroupFiles.number(words[0]);
        return words.length > 1 && words[1].equalsIgnoreCase("kB") ? value * 1024 : value;
      }
    }
    return 0;
  }

  /** Converts {@code cpuacct.stat}'s clock ticks to nanoseconds. */
  static long ticksToNanos(long ticks) {
    return ticks * (NANOS_PER_SECOND / CLOCK_TICKS_PER_SECOND);
  }
}
