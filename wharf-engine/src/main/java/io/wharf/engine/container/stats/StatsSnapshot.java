package io.wharf.engine.container.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One sample of a container's resource usage in the shape of Docker's {@code StatsResponse}
 * ({@code GET /containers/{id}/stats}): the counters read at {@code read}, and the CPU counters
 * of the sample before ({@code precpu_stats}, read at {@code preread}) from which a client
 * computes the CPU percentage. Fields Docker leaves out when zero ({@code omitempty}) are left
 * out here too. Immutable.
 *
 * @param read when the counters were read; Go's zero time for a container not running
 * @param preread when the previous sample was read; Go's zero time for the first
 * @param name the container's name with Docker's leading slash
 * @param id the container's full ID
 * @param networks per interface of the container's network namespace, loopback aside
 */
public record StatsSnapshot(
    @JsonProperty("read") Instant read,
    @JsonProperty("preread") Instant preread,
    @JsonProperty("pids_stats") PidsStats pidsStats,
    @JsonProperty("blkio_stats") BlkioStats blkioStats,
    @JsonProperty("num_procs") int numProcs,
    @JsonProperty("storage_stats") StorageStats storageStats,
    @JsonProperty("cpu_stats") CpuStats cpuStats,
    @JsonProperty("precpu_stats") CpuStats precpuStats,
    @JsonProperty("memory_stats") MemoryStats memoryStats,
    @JsonProperty("name") @JsonInclude(Include.NON_EMPTY) String name,
    @JsonProperty("id") @JsonInclude(Include.NON_EMPTY) String id,
    @JsonProperty("networks") @JsonInclude(Include.NON_EMPTY) Map<String, NetworkStats> networks) {

  /** Go's zero {@code time.Time}, which Docker sends for a time it does not have. */
  public static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  /**
   * The stats of a container that is not running: its name and ID, every counter zero. Docker
   * answers so rather than with an error, and {@code docker stats} shows zeros.
   */
  public static StatsSnapshot empty(String name, String id) {
    return new StatsSnapshot(ZERO_TIME, ZERO_TIME, PidsStats.ZERO, BlkioStats.EMPTY, 0, new StorageStats(),
        CpuStats.ZERO, CpuStats.ZERO, MemoryStats.ZERO, name, id, Map.of());
  }

  /** This sample with {@code previous}'s CPU counters and read time as its {@code precpu_stats} and {@code preread}. */
  public StatsSnapshot after(StatsSnapshot previous) {
    return new StatsSnapshot(read, previous.read, pidsStats, blkioStats, numProcs, storageStats, cpuStats,
        previous.cpuStats, memoryStats, name, id, networks);
  }

  /** Whether counters were read (the container was running), as opposed to {@link #empty}. */
  public boolean sampled() {
    return !read.equals(ZERO_TIME);
  }

  /** Number of processes and their limit (0: none) of the cgroup's pids controller. */
  public record PidsStats(
      @JsonProperty("current") @JsonInclude(Include.NON_DEFAULT) long current,
      @JsonProperty("limit") @JsonInclude(Include.NON_DEFAULT) long limit) {
    static final PidsStats ZERO = new PidsStats(0, 0);
  }

  /**
   * Block I/O per device and operation. On cgroup v1 every list is present ({@code []} when
   * empty); on v2 only {@code io_service_bytes_recursive} (ops {@code read} and {@code write},
   * null without devices) and the others null, as dockerd sends them.
   */
  public record BlkioStats(
      @JsonProperty("io_service_bytes_recursive") List<BlkioEntry> ioServiceBytesRecursive,
      @JsonProperty("io_serviced_recursive") List<BlkioEntry> ioServicedRecursive,
      @JsonProperty("io_queue_recursive") List<BlkioEntry> ioQueueRecursive,
      @JsonProperty("io_service_time_recursive") List<BlkioEntry> ioServiceTimeRecursive,
      @JsonProperty("io_wait_time_recursive") List<BlkioEntry> ioWaitTimeRecursive,
      @JsonProperty("io_merged_recursive") List<BlkioEntry> ioMergedRecursive,
      @JsonProperty("io_time_recursive") List<BlkioEntry> ioTimeRecursive,
      @JsonProperty("sectors_recursive") List<BlkioEntry> sectorsRecursive) {
    static final BlkioStats EMPTY = new BlkioStats(null, null, null, null, null, null, null, null);

    static BlkioStats of(List<BlkioEntry> serviceBytes, List<BlkioEntry> serviced) {
      return new BlkioStats(serviceBytes, serviced, null, null, null, null, null, null);
    }
  }

  /** One line of a blkio file: device {@code major:minor}, operation ({@code Read}, {@code write} …), value. */
  public record BlkioEntry(
      @JsonProperty("major") long major,
      @JsonProperty("minor") long minor,
      @JsonProperty("op") String op,
      @JsonProperty("value") long value) {}

  /** Windows' disk counters: always empty on Linux, but present, as Docker sends it. */
  public record StorageStats() {}

  /**
   * CPU time: the cgroup's, and the host's ({@code system_cpu_usage}, nanoseconds of all CPUs
   * since boot, from {@code /proc/stat}) to compare it with.
   */
  public record CpuStats(
      @JsonProperty("cpu_usage") CpuUsage cpuUsage,
      @JsonProperty("system_cpu_usage") @JsonInclude(Include.NON_DEFAULT) long systemCpuUsage,
      @JsonProperty("online_cpus") @JsonInclude(Include.NON_DEFAULT) int onlineCpus,
      @JsonProperty("throttling_data") ThrottlingData throttlingData) {
    static final CpuStats ZERO = new CpuStats(CpuUsage.ZERO, 0, 0, ThrottlingData.ZERO);
  }

  /** The cgroup's CPU time in nanoseconds: in all, per CPU (cgroup v1 only), in kernel and user mode. */
  public record CpuUsage(
      @JsonProperty("total_usage") long totalUsage,
      @JsonProperty("percpu_usage") @JsonInclude(Include.NON_EMPTY) List<Long> percpuUsage,
      @JsonProperty("usage_in_kernelmode") long usageInKernelmode,
      @JsonProperty("usage_in_usermode") long usageInUsermode) {
    static final CpuUsage ZERO = new CpuUsage(0, List.of(), 0, 0);
  }

  /** CFS periods, the periods throttled, and the time throttled (nanoseconds). */
  public record ThrottlingData(
      @JsonProperty("periods") long periods,
      @JsonProperty("throttled_periods") long throttledPeriods,
      @JsonProperty("throttled_time") long throttledTime) {
    static final ThrottlingData ZERO = new ThrottlingData(0, 0, 0);
  }

  /**
   * Memory in bytes: usage, peak and failures (cgroup v1 only), {@code memory.stat}'s counters
   * (their names differ between v1 and v2), and the limit (the host's memory when unlimited).
   */
  public record MemoryStats(
      @JsonProperty("usage") @JsonInclude(Include.NON_DEFAULT) long usage,
      @JsonProperty("max_usage") @JsonInclude(Include.NON_DEFAULT) long maxUsage,
      @JsonProperty("stats") @JsonInclude(Include.NON_EMPTY) Map<String, Long> stats,
      @JsonProperty("failcnt") @JsonInclude(Include.NON_DEFAULT) long failcnt,
      @JsonProperty("limit") @JsonInclude(Include.NON_DEFAULT) long limit) {
    static final MemoryStats ZERO = new MemoryStats(0, 0, Map.of(), 0, 0);
  }

  /** One network interface's counters, from {@code /proc/<pid>/net/dev}. */
  public record NetworkStats(
      @JsonProperty("rx_bytes") long rxBytes,
      @JsonProperty("rx_packets") long rxPackets,
      @JsonProperty("rx_errors") long rxErrors,
      @JsonProperty("rx_dropped") long rxDropped,
      @JsonProperty("tx_bytes") long txBytes,
      @JsonProperty("tx_packets") long txPackets,
      @JsonProperty("tx_errors") long txErrors,
      @JsonProperty("tx_dropped") long txDropped) {}
}
