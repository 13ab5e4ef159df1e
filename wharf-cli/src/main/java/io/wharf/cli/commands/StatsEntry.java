package io.wharf.cli.commands;

import io.wharf.cli.format.Units;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of {@code wharf stats}: what the docker CLI computes from a container's stats
 * ({@code cli/command/container/stats_helpers.go}) and how it prints it
 * ({@code formatter_stats.go}). An invalid entry (its stream failed or went quiet) prints
 * {@code --}. Immutable.
 *
 * @param container the container as asked for (a name, or a 12-character ID prefix)
 * @param name the container's name with its leading slash, as the daemon sends it
 */
record StatsEntry(String container, String name, String id, double cpuPercentage, double memory,
    double memoryLimit, double memoryPercentage, double networkRx, double networkTx, double blockRead,
    double blockWrite, long pidsCurrent, boolean invalid) {

  /** The entry of a container with no stats (yet, or any more). */
  static StatsEntry invalid(String container) {
    return new StatsEntry(container, "", "", 0, 0, 0, 0, 0, 0, 0, 0, 0, true);
  }

  /** This entry with its values kept but shown as {@code --}. */
  StatsEntry asInvalid() {
    return new StatsEntry(container, name, id, cpuPercentage, memory, memoryLimit, memoryPercentage, networkRx,
        networkTx, blockRead, blockWrite, pidsCurrent, true);
  }

  /** The entry of one {@code GET /containers/{id}/stats} object. */
  static StatsEntry of(String container, Map<String, Object> stats) {
    Map<String, Object> memoryStats = object(stats, "memory_stats");
    double used = memoryUsage(memoryStats);
    double limit = number(memoryStats, "limit");
    double[] net = network(object(stats, "networks"));
    double[] block = blockIo(object(stats, "blkio_stats"));
    return new StatsEntry(container, text(stats, "name"), text(stats, "id"),
        cpuPercent(object(stats, "precpu_stats"), object(stats, "cpu_stats")), used, limit,
        memoryPercent(limit, used), net[0], net[1], block[0], block[1],
        (long) number(object(stats, "pids_stats"), "current"), false);
  }

  /**
   * {@code calculateCPUPercentUnix}: the container's CPU time over the host's between the two
   * samples, times the CPUs (the cpu_usage's per-CPU count when online_cpus is missing).
   */
  static double cpuPercent(Map<String, Object> previous, Map<String, Object> current) {
    double cpuDelta = number(object(current, "cpu_usage"), "total_usage")
        - number(object(previous, "cpu_usage"), "total_usage");
    double systemDelta = number(current, "system_cpu_usage") - number(previous, "system_cpu_usage");
    double cpus = number(current, "online_cpus");
    if (cpus == 0 && object(current, "cpu_usage").get("percpu_usage") instanceof java.util.List<?> perCpu) {
      cpus = perCpu.size();
    }
    return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * cpus * 100.0 : 0;
  }

  /**
   * {@code calculateMemUsageUnixNoCache}: usage less the inactive page cache,
   * {@code total_inactive_file} on cgroup v1, {@code inactive_file} on v2.
   */
  static double memoryUsage(Map<String, Object> memoryStats) {
    double usage = number(memoryStats, "usage");
    Map<String, Object> stats = object(memoryStats, "stats");
    if (stats.get("total_inactive_file") instanceof Number v1 && v1.doubleValue() < usage) {
      return usage - v1.doubleValue();
    }
    double v2 = number(stats, "inactive_file");
    return v2 < usage ? usage - v2 : usage;
  }

  static double memoryPercent(double limit, double used) {
    return limit != 0 ? used / limit * 100.0 : 0;
  }

  /** {@code calculateBlockIO}: [read, written], ops starting with r or w (any case) summed. */
  static double[] blockIo(Map<String, Object> blkio) {
    double[] sums = new double[2];
    if (blkio.get("io_service_bytes_recursive") instanceof java.util.List<?> entries) {
      for (Object e : entries) {
        if (e instanceof Map<?, ?> entry && entry.get("op") instanceof String op && !op.isEmpty()) {
          char c = Character.toLowerCase(op.charAt(0));
          double value = entry.get("value") instanceof Number n ? n.doubleValue() : 0;
          if (c == 'r') {
            sums[0] += value;
          } else if (c == 'w') {
            sums[1] += value;
          }
        }
      }
    }
    return sums;
  }

  /** {@code calculateNetwork}: [received, sent] bytes over every interface. */
  static double[] network(Map<String, Object> networks) {
    double[] sums = new double[2];
    for (Object value : networks.values()) {
      if (value instanceof Map<?, ?> counters) {
        sums[0] += counters.get("rx_bytes") instanceof Number n ? n.doubleValue() : 0;
        sums[1] += counters.get("tx_bytes") instanceof Number n ? n.doubleValue() : 0;
      }
    }
    return sums;
  }

  /** The template fields of docker's stats context, by name. */
  Map<String, Object> row(boolean truncate) {
    Map<String, Object> row = new TreeMap<>();
    row.put("Container", container);
    row.put("Name", name.length() > 1 ? name.substring(1) : "--");
    row.put("ID", truncate && id.length() > 12 ? id.substring(0, 12) : id);
    row.put("CPUPerc", invalid ? "--" : percentage(cpuPercentage));
    row.put("MemUsage", invalid ? "-- / --" : Units.bytesSize(memory) + " / " + Units.bytesSize(memoryLimit));
    row.put("MemPerc", invalid ? "--" : percentage(memoryPercentage));
    row.put("NetIO", invalid ? "--" : Units.humanSize(networkRx) + " / " + Units.humanSize(networkTx));
    row.put("BlockIO", invalid ? "--" : Units.humanSize(blockRead) + " / " + Units.humanSize(blockWrite));
    row.put("PIDs", invalid ? "--" : Long.toString(pidsCurrent));
    return row;
  }

  /** Go's {@code FormatFloat(v, 'f', 2, 64)}: the exact binary value rounded half to even. */
  static String percentage(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return (Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf") + "%";
    }
    return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> parent, String key) {
    return parent.get(key) instanceof Map<?, ?> child ? (Map<String, Object>) child : Map.of();
  }

  private static double number(Map<String, Object> object, String key) {
    return object.get(key) instanceof Number n ? n.doubleValue() : 0;
  }

  private static String text(Map<String, Object> object, String key) {
    return object.get(key) instanceof String s ? s : "";
  }
}
