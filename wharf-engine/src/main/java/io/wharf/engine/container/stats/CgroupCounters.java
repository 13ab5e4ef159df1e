package io.wharf.engine.container.stats;

import io.wharf.engine.container.stats.StatsSnapshot.BlkioStats;
import io.wharf.engine.container.stats.StatsSnapshot.CpuUsage;
import io.wharf.engine.container.stats.StatsSnapshot.MemoryStats;
import io.wharf.engine.container.stats.StatsSnapshot.PidsStats;
import io.wharf.engine.container.stats.StatsSnapshot.ThrottlingData;

/**
 * What a cgroup's own files tell, whichever the version: everything of a sample but the host's
 * CPU time and the network. Immutable.
 */
record CgroupCounters(CpuUsage cpu, ThrottlingData throttling, MemoryStats memory, PidsStats pids, BlkioStats blkio) {

  /**
   * The memory limit as Docker reports it: the host's memory when the cgroup's is larger
   * (unlimited is {@code max} on v2, 9223372036854771712 on v1).
   */
  static long memoryLimit(long limit, long memTotal) {
    return limit > memTotal && memTotal > 0 ? memTotal : limit;
  }

  /** A pids limit of {@code max} is reported as 0, Docker's "no limit". */
  static long pidsLimit(long limit) {
    return limit == CgroupFiles.UNLIMITED ? 0 : limit;
  }
}
