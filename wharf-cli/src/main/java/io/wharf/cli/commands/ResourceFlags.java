package io.wharf.cli.commands;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resource flags {@code run}, {@code create} and {@code update} share, and the fields of
 * docker's {@code Resources} they make. {@code --memory-swap} is each subclass's own, as docker's
 * help words it differently for run and for update.
 */
abstract class ResourceFlags extends WharfCommand {
  @Flag(names = {"-m", "--memory"}, label = "bytes", description = "Memory limit")
  String memory;

  @Flag(names = "--memory-reservation", label = "bytes", description = "Memory soft limit")
  String memoryReservation;

  @Flag(names = "--cpus", label = "decimal", description = "Number of CPUs")
  String cpus;

  @Flag(names = {"-c", "--cpu-shares"}, label = "int", description = "CPU shares (relative weight)")
  String cpuShares;

  @Flag(names = "--cpu-period", label = "int", description = "Limit CPU CFS (Completely Fair Scheduler) period")
  String cpuPeriod;

  @Flag(names = "--cpu-quota", label = "int", description = "Limit CPU CFS (Completely Fair Scheduler) quota")
  String cpuQuota;

  @Flag(names = "--cpuset-cpus", label = "string", description = "CPUs in which to allow execution (0-3, 0,1)")
  String cpusetCpus;

  @Flag(names = "--pids-limit", label = "int", description = "Tune container pids limit (set -1 for unlimited)")
  String pidsLimit;

  @Flag(names = "--blkio-weight", label = "uint16",
      description = "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)")
  String blkioWeight;

  /** {@code --memory-swap} as given, or null. */
  abstract String memorySwap();

  /** Whether any of these flags was given, even with its zero value (pflag's {@code Changed}). */
  boolean anyResourceFlag() {
    for (String value : new String[] {memory, memoryReservation, memorySwap(), cpus, cpuShares, cpuPeriod, cpuQuota,
        cpusetCpus, pidsLimit, blkioWeight}) {
      if (value != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The limits given, under their wire names in the order of docker's {@code Resources}. Values
   * are checked as docker's flag parser checks them (a bad one is a flag error, exit 125). A zero
   * is left out: the daemon reads it as "no limit" on create and "unchanged" on update, and
   * docker itself leaves out a zero {@code PidsLimit}, which the daemon would apply.
   */
  Map<String, Object> resources() {
    Map<String, Object> resources = new LinkedHashMap<>();
    putNonZero(resources, "CpuShares", FlagValues.int64(cpuShares, "-c, --cpu-shares"));
    putNonZero(resources, "Memory", FlagValues.memBytes(memory, "-m, --memory"));
    putNonZero(resources, "NanoCpus", FlagValues.nanoCpus(cpus, "--cpus"));
    putNonZero(resources, "BlkioWeight", FlagValues.uint16(blkioWeight, "--blkio-weight"));
    putNonZero(resources, "CpuPeriod", FlagValues.int64(cpuPeriod, "--cpu-period"));
    putNonZero(resources, "CpuQuota", FlagValues.int64(cpuQuota, "--cpu-quota"));
    if (cpusetCpus != null && !cpusetCpus.isEmpty()) {
      resources.put("CpusetCpus", cpusetCpus);
    }
    putNonZero(resources, "MemoryReservation", FlagValues.memBytes(memoryReservation, "--memory-reservation"));
    putNonZero(resources, "MemorySwap", FlagValues.memSwapBytes(memorySwap(), "--memory-swap"));
    putNonZero(resources, "PidsLimit", FlagValues.int64(pidsLimit, "--pids-limit"));
    return resources;
  }

  private static void putNonZero(Map<String, Object> map, String key, long value) {
    if (value != 0) {
      map.put(key, value);
    }
  }
}
