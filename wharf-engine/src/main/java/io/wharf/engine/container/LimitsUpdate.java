package io.wharf.engine.container;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker update}: the limits given (non-zero) replace the container's, and a running
 * container gets them through {@code runc update}'s flags. Stateless.
 */
final class LimitsUpdate {
  private LimitsUpdate() {}

  static Limits merge(Limits current, Limits changes) {
    return new Limits(
        changes.memory() != 0 ? changes.memory() : current.memory(),
        changes.memorySwap() != 0 ? changes.memorySwap() : current.memorySwap(),
        changes.memoryReservation() != 0 ? changes.memoryReservation() : current.memoryReservation(),
        current.oomKillDisable(),
        changes.nanoCpus() != 0 ? changes.nanoCpus() : current.nanoCpus(),
        changes.cpuShares() != 0 ? changes.cpuShares() : current.cpuShares(),
        changes.cpuPeriod() != 0 ? changes.cpuPeriod() : current.cpuPeriod(),
        changes.cpuQuota() != 0 ? changes.cpuQuota() : current.cpuQuota(),
        !changes.cpusetCpus().isEmpty() ? changes.cpusetCpus() : current.cpusetCpus(),
        changes.pidsLimit() != 0 ? changes.pidsLimit() : current.pidsLimit(),
        changes.blkioWeight() != 0 ? changes.blkioWeight() : current.blkioWeight(),
        current.ulimits());
  }

  /** {@code runc update} flags for what {@code changes} sets. */
  static List<String> runcFlags(Limits changes) {
    List<String> flags = new ArrayList<>();
    if (changes.memory() != 0) {
      flags.addAll(List.of("--memory", Long.toString(changes.memory())));
      if (Limits.swapAccounting()) {
        long swap = changes.memorySwap() != 0 ? changes.memorySwap() : 2 * changes.memory();
        flags.addAll(List.of("--memory-swap", Long.toString(swap)));
      }
    }
    if (changes.memoryReservation() != 0) {
      flags.addAll(List.of("--memory-reservation", Long.toString(changes.memoryReservation())));
    }
    if (changes.nanoCpus() != 0) {
      flags.addAll(List.of("--cpu-period", "100000", "--cpu-quota",
          Long.toString(changes.nanoCpus() * 100_000L / 1_000_000_000L)));
    }
    if (changes.cpuShares() != 0) {
      flags.addAll(List.of("--cpu-share", Long.toString(changes.cpuShares())));
    }
    if (changes.cpuPeriod() != 0) {
      flags.addAll(List.of("--cpu-period", Long.toString(changes.cpuPeriod())));
    }
    if (changes.cpuQuota() != 0) {
      flags.addAll(List.of("--cpu-quota", Long.toString(changes.cpuQuota())));
    }
    if (!changes.cpusetCpus().isEmpty()) {
      flags.addAll(List.of("--cpuset-cpus", changes.cpusetCpus()));
    }
    if (changes.pidsLimit() != 0) {
      flags.addAll(List.of("--pids-limit", Long.toString(changes.pidsLimit())));
    }
    if (changes.blkioWeight() != 0 && Limits.blkioWeightSupported()) {
      flags.addAll(List.of("--blkio-weight", Integer.toString(changes.blkioWeight())));
    }
    return flags;
  }
}
