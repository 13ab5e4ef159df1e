package io.wharf.engine.container;

import io.wharf.oci.errors.InvalidArgument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's resource limits, as Docker's {@code HostConfig} has them (0 or null: none), and
 * their OCI form. Immutable.
 *
 * @param memorySwap memory plus swap; 0 means twice the memory limit, -1 unlimited (Docker's rule)
 * @param nanoCpus {@code --cpus} in billionths of a CPU
 * @param ulimits {@code --ulimit}: name (without {@code RLIMIT_}), soft, hard
 */
public record Limits(long memory, long memorySwap, long memoryReservation, boolean oomKillDisable, long nanoCpus,
    long cpuShares, long cpuPeriod, long cpuQuota, String cpusetCpus, long pidsLimit, int blkioWeight,
    List<Ulimit> ulimits) {

  public static final Limits NONE = new Limits(0, 0, 0, false, 0, 0, 0, 0, null, 0, 0, List.of());
  private static final long MIN_MEMORY = 6 * 1024 * 1024;

  /** One {@code --ulimit}. */
  public record Ulimit(String name, long soft, long hard) {}

  public Limits {
    ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
    cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
  }

  /** Docker's checks, with its words. */
  public Limits validate() {
    if (memory > 0 && memory < MIN_MEMORY) {
      throw new InvalidArgument("Minimum memory limit allowed is 6MB");
    }
    if (memorySwap > 0 && memory > 0 && memorySwap < memory) {
      throw new InvalidArgument("Minimum memoryswap limit should be larger than memory limit, see usage");
    }
    if (memorySwap > 0 && memory == 0) {
      throw new InvalidArgument("You should always set the Memory limit when using Memoryswap limit, see usage");
    }
    if (memoryReservation > 0 && memory > 0 && memoryReservation > memory) {
      throw new InvalidArgument("Minimum memory limit can not be less than memory reservation limit, see usage");
    }
    int cpus = Runtime.getRuntime().availableProcessors();
    if (nanoCpus < 0 || nanoCpus > cpus * 1_000_000_000L) {
      throw new InvalidArgument("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only " + cpus
          + " CPUs available");
    }
    if (nanoCpus > 0 && (cpuPeriod > 0 || cpuQuota > 0)) {
      throw new InvalidArgument("Conflicting options: Nano CPUs and CPU Period cannot both be set");
    }
    if (cpuPeriod != 0 && (cpuPeriod < 1000 || cpuPeriod > 1_000_000)) {
      throw new InvalidArgument("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
    }
    if (cpuQuota > 0 && cpuQuota < 1000) {
      throw new InvalidArgument("CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }
    if (blkioWeight != 0 && (blkioWeight < 10 || blkioWeight > 1000)) {
      throw new InvalidArgument("Range of blkio weight is from 10 to 1000");
    }
    for (Ulimit u : ulimits) {
      if (u.soft() > u.hard() && u.hard() >= 0) {
        throw new InvalidArgument("ulimit soft limit must be less than or equal to hard limit: " + u.soft() + " > "
            + u.hard());
      }
    }
    return this;
  }

  /** The OCI {@code linux.resources} entries of these limits (devices are added by the spec). */
  public Map<String, Object> resources() {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> mem = new LinkedHashMap<>();
    if (memory > 0) {
      mem.put("limit", memory);
      if (swapAccounting()) {
        mem.put("swap", memorySwap == 0 ? 2 * memory : memorySwap);
      }
    }
    if (memoryReservation > 0) {
      mem.put("reservation", memoryReservation);
    }
    if (oomKillDisable) {
      mem.put("disableOOMKiller", true);
    }
    if (!mem.isEmpty()) {
      out.put("memory", mem);
    }
    Map<String, Object> cpu = new LinkedHashMap<>();
    if (cpuShares > 0) {
      cpu.put("shares", cpuShares);
    }
    if (nanoCpus > 0) {
      cpu.put("period", 100_000L);
      cpu.put("quota", nanoCpus * 100_000L / 1_000_000_000L);
    } else {
      if (cpuPeriod > 0) {
        cpu.put("period", cpuPeriod);
      }
      if (cpuQuota != 0) {
        cpu.put("quota", cpuQuota);
      }
    }
    if (!cpusetCpus.isEmpty()) {
      cpu.put("cpus", cpusetCpus);
    }
    if (!cpu.isEmpty()) {
      out.put("cpu", cpu);
    }
    if (pidsLimit != 0) {
      out.put("pids", Map.of("limit", pidsLimit));
    }
    if (blkioWeight > 0 && blkioWeightSupported()) {
      out.put("blockIO", Map.of("weight", blkioWeight));
    }
    return out;
  }

  /** The OCI {@code process.rlimits} of {@code --ulimit}. */
  public List<Map<String, Object>> rlimits() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Ulimit u : ulimits) {
      out.add(Map.of("type", "RLIMIT_" + u.name().toUpperCase(java.util.Locale.ROOT), "soft", u.soft(), "hard",
          u.hard()));
    }
    return out;
  }

  /** Swap limits need the kernel's swap accounting (cgroup v1 {@code memsw}, or v2). */
  static boolean swapAccounting() {
    return Files.exists(Path.of("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes"))
        || Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
  }

  /** Docker discards a blkio weight the kernel cannot take (no BFQ), with a warning. */
  static boolean blkioWeightSupported() {
    return Files.exists(Path.of("/sys/fs/cgroup/blkio/blkio.weight"))
        || Files.exists(Path.of("/sys/fs/cgroup/blkio/blkio.bfq.weight"))
        || Files.exists(Path.of("/sys/fs/cgroup/io.weight"));
  }
}
