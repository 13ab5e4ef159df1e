package io.wharf.daemon.routes;

import io.wharf.api.container.ContainerInspect;
import io.wharf.api.container.ContainerSummary;
import io.wharf.engine.container.Container;
import io.wharf.engine.container.ContainerState;
import io.wharf.engine.network.NetworkService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Engine containers → the wire records of {@code /containers/json} and {@code /containers/{id}/json}. */
final class ContainerViews {
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private ContainerViews() {}

  /** With {@code sizes} ({@code [rw, rootfs]}) when the client asked for them ({@code size=1}). */
  static ContainerSummary summary(Container c, long[] sizes, NetworkService networks,
      io.wharf.engine.volume.VolumeService volumes) {
    return new ContainerSummary(c.id(), List.of("/" + c.name()), c.image(), c.imageId().toString(),
        String.join(" ", c.args()), c.created().getEpochSecond(), NetworkViews.summaryPorts(c, networks), c.labels(),
        c.state().dockerName(), status(c), Map.of("NetworkMode", c.settings().network().mode()),
        NetworkViews.summaryNetworks(c, networks), MountViews.mounts(c, volumes), sizes == null ? null : sizes[0],
        sizes == null ? null : sizes[1]);
  }

  /** Docker's status phrase: "Up 5 seconds", "Exited (0) 3 minutes ago", "Created". */
  static String status(Container c) {
    return switch (c.state()) {
      case RUNNING -> "Up " + duration(Duration.between(c.startedAt(), Instant.now())) + suffix(c);
      case RESTARTING -> "Restarting (" + c.exitCode() + ") "
          + duration(Duration.between(c.finishedAt() == null ? Instant.now() : c.finishedAt(), Instant.now())) + " ago";
      case EXITED -> "Exited (" + c.exitCode() + ") " + duration(Duration.between(c.finishedAt(), Instant.now())) + " ago";
      case REMOVING -> "Removal In Progress";
      case CREATED -> "Created";
    };
  }

  /** {@code (Paused)}, {@code (healthy)}, {@code (health: starting)}, {@code (unhealthy)}, as docker ps shows them. */
  private static String suffix(Container c) {
    if (c.status().paused()) {
      return " (Paused)";
    }
    return switch (c.status().health()) {
      case "starting" -> " (health: starting)";
      case "healthy" -> " (healthy)";
      case "unhealthy" -> " (unhealthy)";
      default -> "";
    };
  }

  /** {@code State.Health} of inspect, or null without a healthcheck. */
  static Map<String, Object> health(Container c) {
    if (c.status().health().isEmpty()) {
      return null;
    }
    List<Map<String, Object>> log = new java.util.ArrayList<>();
    for (var r : c.status().healthLog()) {
      log.add(Map.of("Start", r.start(), "End", r.end(), "ExitCode", r.exitCode(), "Output", r.output()));
    }
    return Map.of("Status", c.status().health(), "FailingStreak", c.status().failingStreak(), "Log", log);
  }

  private static String duration(Duration d) {
    return io.wharf.api.HumanDuration.of(d);
  }

  /** The HostConfig as Docker shows it, for what this engine has. */
  static Map<String, Object> hostConfig(Container c) {
    var s = c.settings();
    Map<String, Object> host = new java.util.LinkedHashMap<>();
    host.put("AutoRemove", c.autoRemove());
    var life = s.lifecycle();
    host.put("RestartPolicy", Map.of("Name", life.restartPolicy(), "MaximumRetryCount", life.maxRetries()));
    var l = life.limits();
    host.put("Memory", l.memory());
    host.put("MemorySwap", l.memorySwap());
    host.put("MemoryReservation", l.memoryReservation());
    host.put("OomKillDisable", l.oomKillDisable());
    host.put("NanoCpus", l.nanoCpus());
    host.put("CpuShares", l.cpuShares());
    host.put("CpuPeriod", l.cpuPeriod());
    host.put("CpuQuota", l.cpuQuota());
    host.put("CpusetCpus", l.cpusetCpus());
    host.put("PidsLimit", l.pidsLimit() == 0 ? null : l.pidsLimit());
    host.put("BlkioWeight", l.blkioWeight());
    host.put("Ulimits", l.ulimits().isEmpty() ? null : l.ulimits().stream()
        .map(u -> Map.of("Name", u.name(), "Soft", u.soft(), "Hard", u.hard())).toList());
    host.put("LogConfig", Map.of("Type", life.logDriver(), "Config", life.logOptions()));
    host.put("Init", s.init());
    host.put("ReadonlyRootfs", s.readOnly());
    host.put("Privileged", s.privileged());
    host.put("CapAdd", s.capAdd().isEmpty() ? null : s.capAdd());
    host.put("CapDrop", s.capDrop().isEmpty() ? null : s.capDrop());
    host.put("SecurityOpt", s.securityOpt().isEmpty() ? null : s.securityOpt());
    host.put("ShmSize", s.shmSize() > 0 ? s.shmSize() : 64L * 1024 * 1024);
    host.put("Runtime", s.runtime() == null ? "runc" : s.runtime());
    NetworkViews.hostConfig(c, host);
    return host;
  }

  static ContainerInspect inspect(Container c, String logPath, NetworkService networks,
      io.wharf.engine.volume.VolumeService volumes) {
    boolean running = c.state() == ContainerState.RUNNING;
    return new ContainerInspect(c.id(), ImageViews.time(c.created()), c.args().getFirst(),
        c.args().subList(1, c.args().size()),
        new ContainerInspect.State(running && c.status().paused() ? "paused" : c.state().dockerName(), running,
            running && c.status().paused(), c.state() == ContainerState.RESTARTING, c.status().oomKilled(), false,
            c.pid(), c.exitCode(), "", c.startedAt() == null ? ZERO_TIME : ImageViews.time(c.startedAt()),
            c.finishedAt() == null ? ZERO_TIME : ImageViews.time(c.finishedAt()), health(c)),
        c.imageId().toString(), logPath, "/" + c.name(), c.status().restartCount(), "overlay2", "linux",
        new ContainerInspect.Config(c.hostname(), c.user(), false, true, true, c.tty(), c.openStdin(), c.env(),
            c.cmd(), c.image(), c.workingDir(), c.labels(), c.entrypoint().isEmpty() ? null : c.entrypoint(),
            c.settings().stdinOnce(), c.settings().stopSignal(), c.settings().stopTimeout()),
        hostConfig(c), MountViews.mounts(c, volumes), NetworkViews.settings(c, networks));
  }
}
