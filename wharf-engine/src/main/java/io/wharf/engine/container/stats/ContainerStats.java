package io.wharf.engine.container.stats;

import io.wharf.engine.container.Container;
import io.wharf.engine.container.ContainerService;
import io.wharf.engine.container.ContainerState;
import io.wharf.oci.errors.Conflict;
import io.wharf.oci.errors.NotFound;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code docker stats} and {@code docker top} for the containers of one daemon, whose cgroups
 * are {@code /<cgroupParent>/<id>}. Samples are taken a second apart, as dockerd's collector
 * takes them, each carrying the one before as its {@code precpu_stats}. The waits sleep the
 * calling thread: call from a virtual thread (the daemon's requests run on one each).
 * Thread-safe.
 *
 * <p>A container that is not running has empty stats (name and ID, every counter zero), not an
 * error: {@code docker stats} shows zeros for it.
 */
public final class ContainerStats {
  /** Where {@link #stream} hands each sample; an IOException (the client went away) ends the stream. */
  @FunctionalInterface
  public interface Sink {
    void accept(StatsSnapshot snapshot) throws IOException;
  }

  private final ContainerService containers;
  private final String cgroupParent;
  private final CgroupStats cgroups;
  private final ProcessTable processes;
  private final Duration interval;

  /**
   * @param cgroupParent the cgroup the daemon's containers are under, {@code wharf-<tag>}
   */
  public ContainerStats(ContainerService containers, String cgroupParent) {
    this(containers, cgroupParent, CgroupStats.host(), ProcessTable.host(), Duration.ofSeconds(1));
  }

  ContainerStats(ContainerService containers, String cgroupParent, CgroupStats cgroups, ProcessTable processes,
      Duration interval) {
    this.containers = containers;
    this.cgroupParent = cgroupParent;
    this.cgroups = cgroups;
    this.processes = processes;
    this.interval = interval;
  }

  /** The container's cgroup, as the daemon creates it: {@code /<parent>/<id>}. */
  public String cgroupsPath(Container container) {
    return "/" + cgroupParent + "/" + container.id();
  }

  /**
   * {@code stream=0}: one sample. With {@code oneShot}, at once and without a previous one;
   * otherwise (Docker's default) after a first sample and a second's wait, so that the CPU
   * percentage can be computed. A container not running answers its empty stats at once.
   */
  public StatsSnapshot once(String name, boolean oneShot) throws InterruptedException {
    Container container = containers.get(name);
    StatsSnapshot first = sample(container);
    if (oneShot || !first.sampled()) {
      return first;
    }
    Thread.sleep(interval);
    Container now = find(container.id());
    return now == null ? first : sample(now).after(first);
  }

  /**
   * {@code stream=1}: a sample now and then every interval, each after the one before, until
   * the sink throws (the client went away) or the container is removed. A stopped container
   * yields empty stats until it starts again. NotFound before any sample for no such container.
   */
  public void stream(String name, Sink sink) throws IOException, InterruptedException {
    Container container = containers.get(name);
    StatsSnapshot previous = null;
    while (container != null) {
      StatsSnapshot snapshot = sample(container);
      if (previous != null) {
        snapshot = snapshot.after(previous);
      }
      sink.accept(snapshot);
      previous = snapshot;
      Thread.sleep(interval);
      container = find(container.id());
    }
  }

  /**
   * {@code docker top}: the container's processes as the host's ps shows them with
   * {@code psArgs} (empty: {@code -ef}); Conflict when it is not running.
   */
  public ProcessTable.Top top(String name, String psArgs) {
    Container container = containers.get(name);
    if (!running(container)) {
      throw new Conflict("Container " + container.id() + " is not running");
    }
    return processes.top(cgroupsPath(container), psArgs);
  }

  private StatsSnapshot sample(Container container) {
    String name = "/" + container.name();
    if (!running(container)) {
      return StatsSnapshot.empty(name, container.id());
    }
    return cgroups.read(name, container.id(), cgroupsPath(container), container.pid());
  }

  private static boolean running(Container container) {
    return container.state() == ContainerState.RUNNING && container.pid() > 0;
  }

  private Container find(String id) {
    try {
      return containers.get(id);
    } catch (NotFound e) {
      return null;
    }
  }
}
