package io.wharf.engine.container;

import java.util.List;

/**
 * How a container runs beyond its process: Docker's {@code HostConfig} and the stop settings
 * of its config. Immutable; null lists read as empty.
 *
 * @param stdinOnce close stdin when the first attached client ends it ({@code run -i})
 * @param init run an init (tini) as PID 1 that reaps zombies and forwards signals
 * @param readOnly mount the root file system read-only
 * @param privileged every capability of the bounding set, no masked paths, no seccomp
 * @param capAdd capabilities added to Docker's default set ({@code NET_ADMIN} or {@code ALL})
 * @param capDrop capabilities dropped from it
 * @param securityOpt {@code no-new-privileges[:true]}, {@code seccomp=unconfined}, …
 * @param stopSignal the signal {@code stop} sends first, or null for the image's or SIGTERM
 * @param stopTimeout seconds {@code stop} waits before SIGKILL, or null for 10
 * @param shmSize bytes of /dev/shm, 0 for Docker's 64 MiB
 * @param runtime the OCI runtime's name ({@code --runtime}), or null for the daemon's default
 * @param network its network: mode, published ports, DNS settings (null: the default bridge)
 * @param mounts its volumes, binds and tmpfs mounts (resolved at create: every volume named)
 * @param volumesFrom {@code --volumes-from} as asked ({@code name[:ro|rw]}), used at create
 * @param lifecycle limits, restart policy, healthcheck, logging
 */
public record RunSettings(boolean stdinOnce, boolean init, boolean readOnly, boolean privileged, List<String> capAdd,
    List<String> capDrop, List<String> securityOpt, String stopSignal, Integer stopTimeout, long shmSize,
    String runtime, io.wharf.engine.network.NetworkSpec network, List<io.wharf.engine.volume.MountSpec> mounts,
    List<String> volumesFrom, Lifecycle lifecycle) {

  /** Docker's defaults. */
  public static final RunSettings DEFAULT = new RunSettings(false, false, false, false, List.of(), List.of(), List.of(),
      null, null, 0, null, null, null, null, null);

  public RunSettings {
    network = network == null ? io.wharf.engine.network.NetworkSpec.DEFAULT : network;
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
    volumesFrom = volumesFrom == null ? List.of() : List.copyOf(volumesFrom);
    lifecycle = lifecycle == null ? Lifecycle.DEFAULT : lifecycle;
    capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
    capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
    securityOpt = securityOpt == null ? List.of() : List.copyOf(securityOpt);
  }

  /** These settings with {@code signal} as the stop signal. */
  public RunSettings withStopSignal(String signal) {
    return new RunSettings(stdinOnce, init, readOnly, privileged, capAdd, capDrop, securityOpt, signal, stopTimeout,
        shmSize, runtime, network, mounts, volumesFrom, lifecycle);
  }

  /** These settings with {@code name} as the runtime. */
  public RunSettings withRuntime(String name) {
    return new RunSettings(stdinOnce, init, readOnly, privileged, capAdd, capDrop, securityOpt, stopSignal,
        stopTimeout, shmSize, name, network, mounts, volumesFrom, lifecycle);
  }

  /** These settings with {@code spec} as the network. */
  public RunSettings withNetwork(io.wharf.engine.network.NetworkSpec spec) {
    return new RunSettings(stdinOnce, init, readOnly, privileged, capAdd, capDrop, securityOpt, stopSignal,
        stopTimeout, shmSize, runtime, spec, mounts, volumesFrom, lifecycle);
  }

  /** These settings with {@code changed} as the lifecycle ({@code docker update}). */
  public RunSettings withLifecycle(Lifecycle changed) {
    return new RunSettings(stdinOnce, init, readOnly, privileged, capAdd, capDrop, securityOpt, stopSignal,
        stopTimeout, shmSize, runtime, network, mounts, volumesFrom, changed);
  }

  /** These settings with {@code resolved} as the mounts. */
  public RunSettings withMounts(List<io.wharf.engine.volume.MountSpec> resolved) {
    return new RunSettings(stdinOnce, init, readOnly, privileged, capAdd, capDrop, securityOpt, stopSignal,
        stopTimeout, shmSize, runtime, network, resolved, volumesFrom, lifecycle);
  }

  /** {@code --security-opt no-new-privileges} (or {@code no-new-privileges:true}). */
  public boolean noNewPrivileges() {
    return securityOpt.stream().anyMatch(o -> o.equals("no-new-privileges") || o.equals("no-new-privileges:true")
        || o.equals("no-new-privileges=true"));
  }

  /** {@code --security-opt seccomp=unconfined}. */
  public boolean seccompUnconfined() {
    return securityOpt.stream().anyMatch(o -> o.equals("seccomp=unconfined") || o.equals("seccomp:unconfined"));
  }
}
