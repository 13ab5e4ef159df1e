package io.wharf.engine.container.stats;

import io.wharf.engine.container.stats.StatsSnapshot.CpuStats;
import io.wharf.engine.container.stats.StatsSnapshot.NetworkStats;
import io.wharf.engine.container.stats.StatsSnapshot.StorageStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Samples a container's resource usage: its cgroup's counters, on cgroup v1 (a hierarchy per
 * controller, hybrid hosts included) or v2 (one unified hierarchy: the root has
 * {@code cgroup.controllers}); the host's CPU time and memory; and the interfaces of its first
 * process's network namespace. Files that cannot be read count as zero, so that a container
 * exiting while it is sampled yields zeros rather than an error. Thread-safe (stateless).
 *
 * <p>Example: {@code CgroupStats.host().read("/web", id, "/wharf-0123456789ab/" + id, 4242)}
 * reads {@code /sys/fs/cgroup/memory/wharf-0123456789ab/<id>/memory.usage_in_bytes} and its
 * siblings on a v1 host, {@code /sys/fs/cgroup/wharf-0123456789ab/<id>/memory.current} on v2,
 * and {@code /proc/4242/net/dev}.
 */
public final class CgroupStats {
  private final Path cgroupRoot;
  private final Path procRoot;

  /**
   * @param cgroupRoot where cgroups are mounted ({@code /sys/fs/cgroup})
   * @param procRoot where proc is mounted ({@code /proc})
   */
  public CgroupStats(Path cgroupRoot, Path procRoot) {
    this.cgroupRoot = cgroupRoot;
    this.procRoot = procRoot;
  }

  /** The host's cgroups and processes. */
  public static CgroupStats host() {
    return new CgroupStats(Path.of("/sys/fs/cgroup"), Path.of("/proc"));
  }

  /** Whether the host has the unified hierarchy only (cgroup v2), rather than v1 or hybrid. */
  public boolean unified() {
    return Files.exists(cgroupRoot.resolve("cgroup.controllers"));
  }

  /**
   * One sample, now, without a previous one ({@code precpu_stats} zero; see
   * {@link StatsSnapshot#after}).
   *
   * @param name the container's name with Docker's leading slash
   * @param id the container's ID
   * @param cgroupsPath the container's cgroup, {@code /<parent>/<id>}
   * @param pid a process of the container, for its network; 0 for none
   */
  public StatsSnapshot read(String name, String id, String cgroupsPath, long pid) {
    Instant now = Instant.now();
    long memTotal = HostCpu.memTotal(CgroupFiles.text(procRoot.resolve("meminfo")));
    CgroupCounters counters = unified() ? CgroupV2.read(cgroupRoot, cgroupsPath, memTotal)
        : CgroupV1.read(cgroupRoot, cgroupsPath, memTotal);
    // the host's CPU time right after the cgroup's, as dockerd samples it, so that the two deltas match
    String procStat = CgroupFiles.text(procRoot.resolve("stat"));
    CpuStats cpu = new CpuStats(counters.cpu(), HostCpu.systemCpuUsage(procStat), HostCpu.onlineCpus(procStat),
        counters.throttling());
    return new StatsSnapshot(now, StatsSnapshot.ZERO_TIME, counters.pids(), counters.blkio(), 0, new StorageStats(),
        cpu, CpuStats.ZERO, counters.memory(), name, id, networks(pid));
  }

  /**
   * The interfaces of {@code pid}'s network namespace; none when it shares the daemon's
   * namespace ({@code --network host}), whose interfaces are the host's, not the container's.
   */
  Map<String, NetworkStats> networks(long pid) {
    if (pid <= 0) {
      return Map.of();
    }
    Path process = procRoot.resolve(Long.toString(pid));
    try {
      Path own = Files.readSymbolicLink(process.resolve("ns/net"));
      if (own.equals(Files.readSymbolicLink(procRoot.resolve("self/ns/net")))) {
        return Map.of();
      }
    } catch (IOException | UnsupportedOperationException e) {
      // namespaces cannot be compared: count the interfaces the process sees
    }
    return NetDev.parse(CgroupFiles.text(process.resolve("net/dev")));
  }
}
