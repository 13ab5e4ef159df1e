package io.wharf.engine.container;

import io.wharf.engine.image.Image;
import io.wharf.engine.image.ImageService;
import io.wharf.engine.runtime.Capabilities;
import io.wharf.engine.runtime.ConmonAttach;
import io.wharf.engine.runtime.ConmonRuntime;
import io.wharf.engine.runtime.SeccompProfile;
import io.wharf.engine.runtime.DefaultSpec;
import io.wharf.engine.snapshot.Snapshotter;
import io.wharf.engine.state.ContainerTable;
import io.wharf.engine.state.StateStore;
import io.wharf.oci.Digest;
import io.wharf.oci.Json;
import io.wharf.oci.errors.Conflict;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import io.wharf.oci.errors.NotModified;
import io.wharf.oci.errors.SystemError;
import io.wharf.oci.runtime.Mount;
import io.wharf.sys.MountCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Containers on conmon and runc, their root file systems overlay mounts of their image's
 * snapshots plus a writable layer, their records in SQLite. Each container lives in
 * {@code <data-root>/containers/<id>/} (bundle, mounted {@code rootfs}, {@code ctr.log}).
 * Thread-safe: changes to one container are serialised on its record.
 */
public final class LocalContainerService implements ContainerService {
  private static final Logger LOG = Logger.getLogger(LocalContainerService.class.getName());
  private final StateStore state;
  private final ImageService images;
  private final Snapshotter snapshots;
  private final ConmonRuntime runtime;
  private final Path root;
  private final String cgroupParent;
  private final Execs execs;
  private final Map<String, Waits> waits = new ConcurrentHashMap<>();
  private final io.wharf.engine.network.NetworkService networks;
  private final io.wharf.engine.volume.VolumeService volumes;
  private final io.wharf.engine.event.EventService events;
  private final LogRotator logRotation;
  private final HealthMonitor health = new HealthMonitor(new HealthMonitor.Host() {
    @Override
    public int exec(String id, List<String> cmd, java.io.ByteArrayOutputStream out) {
      ExecSession session = execCreate(id, new ExecRequest(cmd, List.of(), null, null, false, false, true, true, false,
          null));
      return execStart(session.id(), null, (stream, bytes) -> out.write(bytes), false);
    }

    @Override
    public void record(String id, java.util.function.UnaryOperator<RunStatus> change) {
      synchronized (lock(id)) {
        try {
          Container c = get(id);
          if (c.state() == ContainerState.RUNNING) {
            RunStatus next = change.apply(c.status());
            save(c.withStatus(next));
            if (!next.health().equals(c.status().health())) { // Docker reports changes only
              event(c, "health_status: " + next.health(), Map.of());
            }
          }
        } catch (NotFound gone) {
          // removed meanwhile
        }
      }
    }
  });
  /** Restarts waiting for their back-off, by container. */
  private final Map<String, java.util.concurrent.ScheduledFuture<?>> pendingRestarts = new ConcurrentHashMap<>();
  /** The back-off of each container's next restart, in milliseconds (Docker: from 100 ms, doubling). */
  private final Map<String, Long> backoff = new ConcurrentHashMap<>();
  private final java.util.concurrent.ScheduledExecutorService restarts =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("wharf-restart").factory());
  /** Connections to conmon for the stdin of running containers, made at start or on first use. */
  private final Map<String, CompletableFuture<ConmonAttach>> stdins = new ConcurrentHashMap<>();
  /** Where {@code --init}'s binary appears in the container, as in Docker. */
  private static final String INIT_TARGET = "/sbin/docker-init";
  private static final List<Path> INIT_BINARIES = List.of(Path.of("/usr/bin/tini-static"),
      Path.of("/usr/libexec/podman/catatonit"), Path.of("/usr/bin/catatonit"));

  /** What clients wait for: the next exit, and removal. */
  private record Waits(CompletableFuture<Integer> exit, CompletableFuture<Integer> removed) {
    static Waits fresh() {
      return new Waits(new CompletableFuture<>(), new CompletableFuture<>());
    }
  }

  /**
   * @param cgroupParent the cgroup under which containers' cgroups go ({@code wharf-<tag>}):
   *     one per daemon, so that two daemons never share one
   */
  public LocalContainerService(StateStore state, ImageService images, Snapshotter snapshots, ConmonRuntime runtime,
      io.wharf.engine.network.NetworkService networks, io.wharf.engine.volume.VolumeService volumes,
      io.wharf.engine.event.EventService events, Path root, String cgroupParent) throws IOException {
    this.events = events;
    this.logRotation = new LogRotator();
    this.networks = networks;
    this.volumes = volumes;
    this.state = state;
    this.images = images;
    this.snapshots = snapshots;
    this.runtime = runtime;
    this.root = Files.createDirectories(root);
    this.cgroupParent = cgroupParent;
    this.execs = new Execs(runtime, this.root);
  }

  /** Removes this daemon's cgroup parent where no container is left in it (rmdir of an empty cgroup). */
  public void releaseCgroups() {
    try (var controllers = Files.list(Path.of("/sys/fs/cgroup"))) {
      Files.deleteIfExists(Path.of("/sys/fs/cgroup", cgroupParent));
      for (Path controller : controllers.filter(Files::isDirectory).toList()) {
        Files.deleteIfExists(controller.resolve(cgroupParent));
      }
    } catch (IOException e) {
      LOG.fine("cgroup parent " + cgroupParent + " kept: " + e.getMessage());
    }
  }

  /**
   * After a restart: containers recorded as running are watched again (conmon kept them and
   * their logs); those that exited while wharfd was down get their exit recorded. The files and
   * writable layers of containers removed just before the daemon stopped are deleted.
   */
  public void reconcile() {
    try (var leftovers = Files.newDirectoryStream(root, REMOVING + "*")) {
      for (Path p : leftovers) { // what a removal had not finished deleting when the daemon stopped
        io.wharf.engine.archive.FileTree.delete(p);
      }
    } catch (IOException e) {
      LOG.warning("deleting the files of removed containers: " + e.getMessage());
    }
    List<Container> containers = all();
    try {
      Set<String> known = containers.stream().map(Container::id).collect(java.util.stream.Collectors.toSet());
      for (String key : snapshots.activeKeys()) {
        if (key.matches("[0-9a-f]{64}") && !known.contains(key)) {
          snapshots.removeActive(key); // the writable layer of a container removed as the daemon stopped
        }
      }
    } catch (IOException e) {
      LOG.warning("deleting the writable layers of removed containers: " + e.getMessage());
    }
    for (Container c : containers) {
      if (c.state() == ContainerState.RUNNING) {
        watchExit(c.id());
      } else if (networks.sandbox(c.id()) != null) {
        networks.stop(c.id()); // it exited while its network was being made or undone
      }
    }
  }

  @Override
  public Container create(CreateRequest request) {
    Image image = images.get(request.image());
    var config = image.config().config();
    List<String> entrypoint = request.entrypoint() != null ? request.entrypoint()
        : config == null || config.entrypoint() == null ? List.of() : config.entrypoint();
    List<String> cmd = request.cmd() != null ? request.cmd()
        : request.entrypoint() != null || config == null || config.cmd() == null ? List.of() : config.cmd();
    List<String> args = new ArrayList<>(entrypoint);
    args.addAll(cmd);
    if (args.isEmpty()) {
      throw new InvalidArgument("no command specified");
    }
    RunSettings asked = request.settings() == null ? RunSettings.DEFAULT : request.settings();
    Capabilities.validate(asked.capAdd(), asked.capDrop());
    asked.lifecycle().limits().validate();
    if (!asked.lifecycle().restartPolicy().equals("no") && request.autoRemove()) {
      throw new InvalidArgument("conflicting options: cannot specify both --restart and --rm");
    }
    RunSettings withSignal = asked.stopSignal() == null && config != null && config.stopSignal() != null
        && !config.stopSignal().isEmpty() ? asked.withStopSignal(config.stopSignal()) : asked;
    // the runtime is fixed at create: a later change of the default does not strand it
    RunSettings settings = withSignal.withRuntime(runtime.named(asked.runtime()).name())
        .withNetwork(networkOf(asked.network(), config));
    String id = Digest.of(java.util.UUID.randomUUID().toString().getBytes()).hex();
    String name = request.name() == null || request.name().isEmpty() ? ContainerNames.generate(id)
        : request.name().startsWith("/") ? request.name().substring(1) : request.name();
    if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
      throw new InvalidArgument("Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    Map<String, String> env = EnvVars.merge(config == null ? null : config.env(), request.env());
    env.putIfAbsent("PATH", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    // the docker CLI sends "User": "" when -u is not given: the image's user then holds
    String user = request.user() != null && !request.user().isEmpty() ? request.user()
        : config == null || config.user() == null ? "" : config.user();
    String workingDir = request.workingDir() != null && !request.workingDir().isEmpty() ? request.workingDir()
        : config == null || config.workingDir() == null ? "" : config.workingDir();
    String hostname = request.hostname() == null || request.hostname().isEmpty() ? id.substring(0, 12) : request.hostname();
    try {
      settings = settings.withMounts(ContainerMounts.resolve(volumes, id, asked.mounts(), asked.volumesFrom(), this::get,
          config));
    } catch (RuntimeException e) {
      dropVolumes(id, true);
      throw e;
    }
    Container container = new Container(id, name, request.image(), image.id(), List.copyOf(args),
        List.copyOf(env.values()), workingDir, user, 0, 0, hostname, request.tty(), request.openStdin(),
        request.labels() == null ? Map.of() : Map.copyOf(request.labels()), request.autoRemove(),
        ContainerState.CREATED, 0, 0, Instant.now(), null, null, settings, List.copyOf(entrypoint), List.copyOf(cmd),
        RunStatus.NONE);
    try {
      Files.createDirectories(root.resolve(id)); // clients attach to its log before it starts
    } catch (IOException e) {
      throw new SystemError("cannot create the directory of container " + id + ": " + e.getMessage(), e);
    }
    try {
      state.transaction(c -> {
        String holder = ContainerTable.idOfName(c, name);
        if (holder != null) {
          throw new Conflict("Conflict. The container name \"/" + name + "\" is already in use by container \""
              + holder + "\". You have to remove (or rename) that container to be able to reuse that name.");
        }
        ContainerTable.put(c, id, name, image.id().toString(), json(container));
        return null;
      });
    } catch (RuntimeException e) {
      dropVolumes(id, true);
      throw e;
    }
    try {
      networks.attach(id, name, settings.network());
    } catch (RuntimeException e) {
      state.transaction(c -> {
        ContainerTable.delete(c, id);
        return null;
      });
      networks.detach(id);
      dropVolumes(id, true);
      throw e;
    }
    waits.put(id, Waits.fresh());
    event(container, "create", Map.of());
    return container;
  }

  @Override
  public void start(String name) {
    Container c = get(name);
    markStoppedByUser(c.id(), false);
    try {
      startLocked(c);
    } catch (RuntimeException e) {
      // Docker removes an --rm container whose start failed, which ends a client's wait
      if (c.autoRemove() && !(e instanceof NotModified)) {
        remove(c.id(), true);
      }
      throw e;
    }
  }

  private void startLocked(Container found) {
    Container c = found;
    synchronized (lock(c.id())) {
      c = get(c.id());
      if (c.state() == ContainerState.RUNNING) {
        throw new NotModified("container " + c.id() + " is already running");
      }
      Path dir = root.resolve(c.id());
      Path rootfs = dir.resolve("rootfs");
      StartTimes times = new StartTimes();
      try {
        Files.createDirectories(rootfs);
        Image image = images.get(c.imageId().toString());
        List<Digest> chain = image.chainIds();
        Mount mount = snapshots.prepare(c.id(), chain);
        MountCalls.unmount(rootfs, MountCalls.MNT_DETACH); // a restart finds it mounted
        MountCalls.mount(mount.source(), rootfs, mount.type(), 0, String.join(",", mount.options()));
        long[] ids = UserLookup.resolve(c.user(), snapshots.lowerDirs(chain));
        times.mark("rootfs");
        RunSettings settings = c.settings();
        List<String> args = c.args();
        io.wharf.engine.network.Sandbox sandbox = networks.start(c.id(), c.hostname(), settings.network());
        times.mark("network");
        List<Mount> extra = new ArrayList<>(EtcFiles.write(dir, sandbox, settings.readOnly()));
        extra.addAll(ContainerMounts.oci(volumes, c.id(), settings.mounts(), rootfs));
        if (settings.init()) {
          extra.add(new Mount(INIT_TARGET, "bind", initBinary().toString(), List.of("rbind", "ro", "rprivate")));
          args = new ArrayList<>(List.of(INIT_TARGET, "--"));
          args.addAll(c.args());
        }
        List<String> caps = Capabilities.of(settings.capAdd(), settings.capDrop(), settings.privileged());
        DefaultSpec.Security security = new DefaultSpec.Security(caps, settings.privileged(), settings.readOnly(),
            settings.noNewPrivileges(), settings.seccompUnconfined() ? null : SeccompProfile.defaultProfile(caps),
            settings.shmSize(), extra, sandbox.netns() == null ? DefaultSpec.Security.HOST_NETWORK : sandbox.netns(),
            settings.lifecycle().limits().resources(), settings.lifecycle().limits().rlimits());
        ConmonRuntime.writeBundle(dir, DefaultSpec.of(new DefaultSpec.ProcessSettings(args, c.env(),
            c.workingDir(), ids[0], ids[1], List.of(), c.tty(), sandbox.hostname()), rootfs.toString(),
            "/" + cgroupParent + "/" + c.id(), security));
        Files.deleteIfExists(dir.resolve("pidfile"));
        times.mark("bundle");
        waits.computeIfAbsent(c.id(), k -> Waits.fresh());
        ConmonRuntime.OciRuntime rt = runtime.named(c.settings().runtime());
        Lifecycle life = settings.lifecycle();
        if (life.maxLogSize() > 0 && life.maxLogFiles() > 1) {
          logRotation.watch(dir, life.maxLogFiles());
        }
        long pid = runtime.create(rt, c.id(), dir, dir.resolve("ctr.log"), c.tty(), c.openStdin(),
            life.maxLogSize());
        times.mark("create");
        if (c.openStdin()) {
          connectStdin(c.id(), dir); // before start: no input sent by an early client is lost
        }
        try {
          runtime.start(rt, c.id());
        } catch (IOException | RuntimeException e) {
          runtime.delete(rt, c.id(), true);
          throw e;
        }
        times.mark("start");
        Instant startedAt = Instant.now();
        event(c, "start", Map.of());
        save(c.withState(ContainerState.RUNNING, pid, 0, startedAt, null)
            .withStatus(c.status().withOomKilled(false).withPaused(false)));
        watchExit(c.id());
        HealthMonitor.Check check = HealthMonitor.Check.of(settings.lifecycle().healthcheck(),
            image.config().config() == null ? null : image.config().config().healthcheck());
        if (check != null) {
          health.start(c.id(), check, startedAt);
        }
        times.mark("saved");
        String id = c.id();
        LOG.fine(() -> "start of " + id + ": " + times);
      } catch (IOException | RuntimeException e) {
        dropStdin(c.id());
        networks.stop(c.id());
        ContainerMounts.release(volumes, c.id(), c.settings().mounts());
        try {
          MountCalls.unmount(rootfs, MountCalls.MNT_DETACH);
        } catch (IOException unmount) {
          e.addSuppressed(unmount);
        }
        if (e instanceof IOException io) {
          throw new SystemError("cannot start container " + c.id() + ": " + io.getMessage(), io);
        }
        throw (RuntimeException) e;
      }
    }
  }

  /**
   * The network a container asks for, with the image's exposed ports added (for {@code -P}) and
   * {@code container:<name>} resolved to the other container's ID.
   */
  private io.wharf.engine.network.NetworkSpec networkOf(io.wharf.engine.network.NetworkSpec asked,
      io.wharf.oci.image.ContainerConfig config) {
    List<String> exposed = new ArrayList<>(asked.exposed());
    if (config != null && config.exposedPorts() != null) {
      config.exposedPorts().keySet().stream().filter(p -> !exposed.contains(p)).forEach(exposed::add);
    }
    String mode = asked.mode();
    if (asked.sharesContainer()) {
      mode = "container:" + get(mode.substring("container:".length())).id();
    }
    return new io.wharf.engine.network.NetworkSpec(mode, asked.ports(), asked.publishAll(), exposed, asked.dns(),
        asked.dnsSearch(), asked.dnsOptions(), asked.extraHosts(), asked.endpoints());
  }

  /** Publishes a container event with Docker's attributes: image, name, and the container's labels. */
  private void event(Container c, String action, Map<String, String> extra) {
    Map<String, String> attributes = new java.util.LinkedHashMap<>(c.labels());
    attributes.put("image", c.image());
    attributes.put("name", c.name());
    attributes.putAll(extra);
    events.publish("container", action, c.id(), attributes);
  }

  /** Whether {@code c}'s restart policy brings it back after an exit with {@code code}. */
  private static boolean restartWanted(Container c, int code) {
    Lifecycle l = c.settings().lifecycle();
    if (c.autoRemove() || c.status().stoppedByUser()) {
      return false;
    }
    return switch (l.restartPolicy()) {
      case "always", "unless-stopped" -> true;
      case "on-failure" -> code != 0 && (l.maxRetries() == 0 || c.status().restartCount() < l.maxRetries());
      default -> false;
    };
  }

  /**
   * Docker's back-off: 100 ms after a first exit, doubling each time, back to 100 ms once the
   * container had run for 10 seconds.
   */
  private void scheduleRestart(Container c, Instant finished) {
    boolean ranLong = c.startedAt() != null && java.time.Duration.between(c.startedAt(), finished).toSeconds() >= 10;
    long delay = ranLong ? 100 : backoff.getOrDefault(c.id(), 50L) * 2;
    backoff.put(c.id(), delay);
    String id = c.id();
    pendingRestarts.put(id, restarts.schedule(() -> Thread.ofVirtual().start(() -> {
      pendingRestarts.remove(id);
      try {
        synchronized (lock(id)) {
          Container current = get(id);
          if (current.state() != ContainerState.RESTARTING) {
            return;
          }
          save(current.withStatus(current.status().withRestartCount(current.status().restartCount() + 1)));
        }
        startLocked(get(id));
      } catch (RuntimeException e) {
        LOG.warning("restarting " + id + ": " + e.getMessage());
        try {
          synchronized (lock(id)) {
            Container current = get(id);
            save(current.withState(ContainerState.EXITED, 0, current.exitCode(), current.startedAt(),
                current.finishedAt()));
          }
        } catch (RuntimeException gone) {
          // removed meanwhile
        }
      }
    }), delay, TimeUnit.MILLISECONDS));
  }

  /** Cancels a restart waiting for its back-off; true when there was one (the container is then exited). */
  private boolean cancelRestart(String id) {
    var pending = pendingRestarts.remove(id);
    synchronized (lock(id)) {
      Container c = get(id);
      if (c.state() == ContainerState.RESTARTING) {
        if (pending != null) {
          pending.cancel(false);
        }
        save(c.withState(ContainerState.EXITED, 0, c.exitCode(), c.startedAt(), c.finishedAt()));
        return true;
      }
    }
    return false;
  }

  private void markStoppedByUser(String id, boolean stopped) {
    synchronized (lock(id)) {
      Container c = get(id);
      if (c.status().stoppedByUser() != stopped) {
        save(c.withStatus(c.status().withStoppedByUser(stopped)));
      }
    }
  }

  /**
   * After a start of wharfd: containers whose policy is {@code always} or {@code unless-stopped}
   * (and that the user did not stop) run again, as dockerd brings them back.
   */
  public void restartPolicies() {
    for (Container c : all()) {
      String policy = c.settings().lifecycle().restartPolicy();
      if ((policy.equals("always") || policy.equals("unless-stopped")) && !c.status().stoppedByUser()
          && c.state() != ContainerState.RUNNING) {
        Thread.ofVirtual().start(() -> {
          try {
            start(c.id());
          } catch (RuntimeException e) {
            LOG.warning("restart policy of " + c.id() + ": " + e.getMessage());
          }
        });
      }
    }
  }

  @Override
  public void pause(String name) {
    Container c = get(name);
    synchronized (lock(c.id())) {
      c = get(c.id());
      if (c.state() != ContainerState.RUNNING) {
        throw new Conflict("Container " + c.id() + " is not running");
      }
      if (c.status().paused()) {
        throw new Conflict("Container " + c.id() + " is already paused");
      }
      try {
        runtime.pause(runtime.named(c.settings().runtime()), c.id());
      } catch (IOException e) {
        throw new SystemError("cannot pause container " + c.id() + ": " + e.getMessage(), e);
      }
      save(c.withStatus(c.status().withPaused(true)));
      event(c, "pause", Map.of());
    }
  }

  @Override
  public void unpause(String name) {
    Container c = get(name);
    synchronized (lock(c.id())) {
      c = get(c.id());
      if (!c.status().paused() || c.state() != ContainerState.RUNNING) {
        throw new Conflict("Container " + c.id() + " is not paused");
      }
      try {
        runtime.resume(runtime.named(c.settings().runtime()), c.id());
      } catch (IOException e) {
        throw new SystemError("cannot unpause container " + c.id() + ": " + e.getMessage(), e);
      }
      save(c.withStatus(c.status().withPaused(false)));
      event(c, "unpause", Map.of());
    }
  }

  @Override
  public void update(String name, Limits limits, String restartPolicy, Integer maxRetries) {
    Container c = get(name);
    synchronized (lock(c.id())) {
      c = get(c.id());
      Lifecycle l = c.settings().lifecycle();
      Limits merged = LimitsUpdate.merge(l.limits(), limits).validate();
      Lifecycle changed = l.withLimits(merged);
      if (restartPolicy != null && !restartPolicy.isEmpty()) {
        changed = changed.withRestart(restartPolicy, maxRetries == null ? 0 : maxRetries);
      }
      if (c.state() == ContainerState.RUNNING) {
        try {
          runtime.update(runtime.named(c.settings().runtime()), c.id(), LimitsUpdate.runcFlags(limits));
        } catch (IOException e) {
          throw new SystemError("Cannot update container " + c.id() + ": " + e.getMessage(), e);
        }
      }
      save(new Container(c.id(), c.name(), c.image(), c.imageId(), c.args(), c.env(), c.workingDir(), c.user(), c.uid(),
          c.gid(), c.hostname(), c.tty(), c.openStdin(), c.labels(), c.autoRemove(), c.state(), c.pid(), c.exitCode(),
          c.created(), c.startedAt(), c.finishedAt(), c.settings().withLifecycle(changed), c.entrypoint(), c.cmd(),
          c.status()));
    }
  }

  /**
   * Forgets the container's use of its volumes; with {@code anonymous}, removes its anonymous
   * volumes that nothing else uses ({@code rm -v}, {@code --rm}). Named volumes are never removed.
   */
  private void dropVolumes(String id, boolean anonymous) {
    for (String name : volumes.release(id)) {
      if (!anonymous) {
        continue;
      }
      try {
        if (volumes.get(name).anonymous() && volumes.users(name).isEmpty()) {
          volumes.remove(name, true);
        }
      } catch (RuntimeException e) {
        LOG.warning("removing volume " + name + " of " + id + ": " + e.getMessage());
      }
    }
  }

  /** A static init binary of this host (tini-static from Debian's tini, or catatonit). */
  private static Path initBinary() {
    for (Path p : INIT_BINARIES) {
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new SystemError("exec: \"docker-init\": executable file not found in $PATH (apt-get install tini)");
  }

  private void watchExit(String id) {
    runtime.exitCode(id).thenAcceptAsync(code -> exited(id, code), r -> Thread.ofVirtual().start(r));
  }

  private void exited(String id, int code) {
    Container c;
    synchronized (lock(id)) {
      try {
        c = get(id);
      } catch (NotFound e) {
        return;
      }
      health.stop(id);
      logRotation.unwatch(root.resolve(id));
      boolean oomKilled = code == 137 && (OomCheck.killed("/" + cgroupParent + "/" + id)
          || Files.exists(root.resolve(id).resolve("oom")));
      try {
        Files.deleteIfExists(root.resolve(id).resolve("oom"));
      } catch (IOException e) {
        LOG.fine("oom marker of " + id + ": " + e.getMessage());
      }
      StartTimes times = new StartTimes();
      try {
        runtime.deleteExited(runtime.named(c.settings().runtime()), id);
        times.mark("runtime delete");
        MountCalls.unmount(root.resolve(id).resolve("rootfs"), MountCalls.MNT_DETACH);
        ContainerMounts.release(volumes, id, c.settings().mounts());
        times.mark("unmount");
        networks.stop(id);
        times.mark("network");
      } catch (IOException | RuntimeException e) {
        LOG.warning("cleaning up after container " + id + " exited: " + e.getMessage());
      }
      dropStdin(id);
      Instant finished = Instant.now();
      if (oomKilled) {
        event(c, "oom", Map.of());
      }
      event(c, "die", Map.of("exitCode", Integer.toString(code)));
      boolean again = restartWanted(c, code);
      times.mark("events");
      save(c.withState(again ? ContainerState.RESTARTING : ContainerState.EXITED, 0, code, c.startedAt(), finished)
          .withStatus(c.status().withOomKilled(oomKilled).withPaused(false)));
      times.mark("record");
      if (again) {
        scheduleRestart(c, finished);
      }
      try {
        // an event in the container's directory wakes whoever follows its log
        Files.writeString(root.resolve(id).resolve("exited"), Integer.toString(code));
      } catch (IOException e) {
        LOG.fine("exit marker of " + id + ": " + e.getMessage());
      }
      Waits current = waits.computeIfAbsent(id, k -> Waits.fresh());
      waits.put(id, new Waits(new CompletableFuture<>(), current.removed())); // for the next run
      current.exit().complete(code);
      times.mark("waits");
      LOG.fine(() -> "exit of " + id + ": " + times);
    }
    if (c.autoRemove()) {
      remove(id, true);
    }
  }

  private void connectStdin(String id, Path dir) {
    CompletableFuture<ConmonAttach> pending = stdins.computeIfAbsent(id, k -> new CompletableFuture<>());
    try {
      ConmonAttach attach = runtime.attach(dir);
      if (!pending.complete(attach)) {
        attach.close();
      }
    } catch (IOException e) {
      LOG.warning("cannot connect to the stdin of " + id + ": " + e.getMessage());
      stdins.remove(id, pending);
      pending.completeExceptionally(e);
    }
  }

  private void dropStdin(String id) {
    CompletableFuture<ConmonAttach> pending = stdins.remove(id);
    if (pending != null) {
      pending.thenAccept(attach -> {
        try {
          attach.close();
        } catch (IOException e) {
          LOG.fine("closing the stdin of " + id + ": " + e.getMessage());
        }
      });
      pending.completeExceptionally(new NotFound("container " + id + " has stopped"));
    }
  }

  @Override
  public Stdin stdin(String name) {
    Container c = get(name);
    if (!c.openStdin()) {
      return null;
    }
    CompletableFuture<ConmonAttach> pending = stdins.computeIfAbsent(c.id(), k -> new CompletableFuture<>());
    if (!pending.isDone() && get(c.id()).state() == ContainerState.RUNNING) {
      connectStdin(c.id(), root.resolve(c.id())); // after a daemon restart
    }
    ConmonAttach attach;
    try {
      attach = pending.join();
    } catch (java.util.concurrent.CompletionException e) {
      return null; // stopped or removed before it started
    }
    return new Stdin() {
      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        attach.write(bytes, offset, length);
      }

      @Override
      public void end() throws IOException {
        attach.closeInput();
      }
    };
  }

  @Override
  public ExecSession execCreate(String name, ExecRequest request) {
    return execs.create(get(name), request);
  }

  @Override
  public ExecSession exec(String execId) {
    return execs.get(execId);
  }

  @Override
  public int execStart(String execId, java.io.InputStream stdin, LogSink sink, boolean detach) {
    ExecSession session = execs.get(execId);
    Container c = get(session.containerId());
    if (detach) {
      Thread.ofVirtual().start(() -> execs.start(c, session, null, null, true));
      return 0;
    }
    return execs.start(c, session, stdin, sink, false);
  }

  @Override
  public void execResize(String execId, int height, int width) {
    try {
      execs.get(execId).resize(height, width);
    } catch (IOException e) {
      throw new SystemError("cannot resize the terminal of exec " + execId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void resize(String name, int height, int width) {
    Container c = get(name);
    if (c.state() != ContainerState.RUNNING) {
      throw new Conflict("Container " + c.id() + " is not running");
    }
    if (!c.tty()) {
      return;
    }
    try {
      runtime.resize(root.resolve(c.id()), height, width);
    } catch (IOException e) {
      throw new SystemError("cannot resize the terminal of " + c.id() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public CompletableFuture<Integer> waitFor(String name, String condition) {
    Container c = get(name);
    Waits w = waits.computeIfAbsent(c.id(), k -> Waits.fresh());
    return switch (condition == null || condition.isEmpty() ? "not-running" : condition) {
      case "not-running" -> c.state() == ContainerState.RUNNING ? w.exit() : CompletableFuture.completedFuture(c.exitCode());
      case "next-exit" -> w.exit();
      case "removed" -> w.removed();
      default -> throw new InvalidArgument("invalid condition: \"" + condition + "\"");
    };
  }

  @Override
  public void stop(String name, int timeoutSeconds) {
    Container c = get(name);
    markStoppedByUser(c.id(), true);
    if (cancelRestart(c.id())) {
      return;
    }
    if (c.state() != ContainerState.RUNNING) {
      throw new NotModified("container " + c.id() + " is not running");
    }
    if (c.status().paused()) {
      unpause(c.id()); // a frozen process cannot act on its signal
    }
    CompletableFuture<Integer> exit = waitFor(c.id(), "next-exit");
    String signal = c.settings().stopSignal() != null ? c.settings().stopSignal() : "TERM";
    int timeout = timeoutSeconds >= 0 ? timeoutSeconds
        : c.settings().stopTimeout() != null ? c.settings().stopTimeout() : 10;
    kill(c.id(), signal);
    try {
      if (timeout < 0) {
        exit.join(); // -1: wait for ever, as Docker
      } else {
        exit.get(timeout, TimeUnit.SECONDS);
      }
    } catch (TimeoutException e) {
      kill(c.id(), "KILL");
      exit.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new SystemError("stopping " + c.id() + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void kill(String name, String signal) {
    Container c = get(name);
    if (c.state() != ContainerState.RUNNING) {
      throw new Conflict("Container " + c.id() + " is not running");
    }
    try {
      runtime.kill(runtime.named(c.settings().runtime()), c.id(),
          signal == null || signal.isEmpty() ? "KILL" : signal.replaceFirst("^SIG", ""));
    } catch (IOException e) {
      throw new SystemError("cannot kill container " + c.id() + ": " + e.getMessage(), e);
    }
    event(c, "kill", Map.of("signal", signal == null || signal.isEmpty() ? "KILL" : signal.replaceFirst("^SIG", "")));
  }

  @Override
  public void remove(String name, boolean force) {
    remove(name, force, false);
  }

  @Override
  public void remove(String name, boolean force, boolean removeVolumes) {
    StartTimes times = new StartTimes();
    Container found = get(name);
    if (found.state() == ContainerState.RESTARTING || (force && found.state() == ContainerState.RUNNING)) {
      markStoppedByUser(found.id(), true); // its policy must not bring it back
      cancelRestart(found.id());
    }
    Container c = get(found.id());
    if (c.state() == ContainerState.RUNNING) {
      if (!force) {
        throw new Conflict("You cannot remove a running container " + c.id()
            + ". Stop the container before attempting removal or force remove");
      }
      CompletableFuture<Integer> exit = waitFor(c.id(), "next-exit");
      kill(c.id(), "KILL");
      exit.orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> -1).join();
      if (c.autoRemove()) {
        waitFor(c.id(), "removed").orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> -1).join();
        return;
      }
    }
    synchronized (lock(c.id())) {
      Container current;
      try {
        current = get(c.id());
      } catch (NotFound e) {
        return; // --rm got there first
      }
      times.mark("lookup");
      try {
        runtime.delete(runtime.named(c.settings().runtime()), c.id(), true);
      } catch (IOException | RuntimeException e) {
        LOG.fine("runtime delete of " + c.id() + ": " + e.getMessage());
      }
      try {
        times.mark("runtime delete");
        MountCalls.unmount(root.resolve(c.id()).resolve("rootfs"), MountCalls.MNT_DETACH);
        times.mark("unmount");
        discard(root.resolve(c.id()), c.id());
        times.mark("files");
      } catch (IOException e) {
        throw new SystemError("cannot remove container " + c.id() + ": " + e.getMessage(), e);
      }
      networks.detach(c.id());
      times.mark("network");
      state.transaction(conn -> {
        ContainerTable.delete(conn, c.id());
        return null;
      });
      times.mark("record");
      dropVolumes(c.id(), removeVolumes || c.autoRemove());
      dropStdin(c.id());
      execs.forget(c.id());
      health.stop(c.id());
      backoff.remove(c.id());
      event(current, "destroy", Map.of());
      times.mark("volumes and events");
      Waits w = waits.remove(c.id());
      if (w != null) {
        w.removed().complete(current.exitCode());
        w.exit().complete(current.exitCode());
      }
      String removedId = c.id();
      LOG.fine(() -> "removal of " + removedId + ": " + times);
    }
  }

  @Override
  public List<Container> list(boolean all) {
    return all().stream().filter(c -> all || c.state() == ContainerState.RUNNING).toList().reversed();
  }

  @Override
  public List<Container> list(boolean all, Map<String, List<String>> filters) {
    var matches = ContainerFilters.of(filters, this::get);
    // a status filter lists stopped containers too, as in Docker
    boolean any = all || filters.containsKey("status") || filters.containsKey("exited");
    return all().stream().filter(c -> any || c.state() == ContainerState.RUNNING).filter(matches).toList().reversed();
  }

  @Override
  public void restart(String name, int timeoutSeconds) {
    Container c = get(name);
    if (c.state() == ContainerState.RUNNING) {
      try {
        stop(c.id(), timeoutSeconds);
      } catch (NotModified e) {
        // it stopped by itself meanwhile
      }
    }
    start(c.id());
  }

  @Override
  public void rename(String name, String newName) {
    Container c = get(name);
    String wanted = newName == null ? "" : newName.startsWith("/") ? newName.substring(1) : newName;
    if (wanted.isEmpty()) {
      throw new InvalidArgument("Neither old nor new names may be empty");
    }
    if (!wanted.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
      throw new InvalidArgument("Invalid container name (" + wanted + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    if (wanted.equals(c.name())) {
      throw new InvalidArgument("Renaming a container with the same name as its current name");
    }
    synchronized (lock(c.id())) {
      Container current = get(c.id());
      state.transaction(conn -> {
        String holder = ContainerTable.idOfName(conn, wanted);
        if (holder != null) {
          throw new Conflict("Conflict. The container name \"/" + wanted + "\" is already in use by container \""
              + holder + "\". You have to remove (or rename) that container to be able to reuse that name.");
        }
        Container renamed = current.withName(wanted);
        ContainerTable.put(conn, renamed.id(), renamed.name(), renamed.imageId().toString(), json(renamed));
        return null;
      });
      networks.rename(c.id(), wanted);
      event(current.withName(wanted), "rename", Map.of("oldName", "/" + current.name()));
    }
  }

  @Override
  public List<Change> changes(String name) {
    Container c = get(name);
    Path upper = snapshots.upper(c.id());
    List<Path> lowers = snapshots.lowerDirs(images.get(c.imageId().toString()).chainIds());
    List<Change> changes = new ArrayList<>();
    if (!Files.isDirectory(upper)) {
      return changes;
    }
    var placeholder = mountPlaceholders(upper);
    try (var tree = Files.walk(upper)) {
      for (Path p : tree.filter(p -> !p.equals(upper)).sorted().toList()) {
        String relative = upper.relativize(p).toString();
        if (placeholder.test(relative)) {
          continue;
        }
        var attrs = Files.readAttributes(p, "unix:mode,rdev", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        boolean whiteout = ((Integer) attrs.get("mode") & 0170000) == 0020000 && (Long) attrs.get("rdev") == 0L;
        boolean inLower = lowers.stream().anyMatch(l -> Files.exists(l.resolve(relative),
            java.nio.file.LinkOption.NOFOLLOW_LINKS));
        changes.add(new Change("/" + relative, whiteout ? 2 : inLower ? 0 : 1));
      }
    } catch (IOException e) {
      throw new SystemError("cannot read the changes of " + c.id() + ": " + e.getMessage(), e);
    }
    // a directory marked changed only because a mount point was made in it is no change
    List<Change> kept = new ArrayList<>();
    for (Change change : changes) {
      boolean onlyPlaceholders = change.kind() == 0 && Files.isDirectory(upper.resolve(change.path().substring(1)))
          && changes.stream().noneMatch(o -> o.path().startsWith(change.path() + "/"));
      if (!onlyPlaceholders) {
        kept.add(change);
      }
    }
    return kept;
  }

  /** Mount points runc made in the writable layer (Docker keeps them in an init layer): not the user's changes. */
  private static java.util.function.Predicate<String> mountPlaceholders(Path upper) {
    java.util.Set<String> files = java.util.Set.of("etc/hostname", "etc/hosts", "etc/resolv.conf",
        "sbin/docker-init");
    java.util.Set<String> dirs = java.util.Set.of("proc", "dev", "dev/pts", "dev/shm", "dev/mqueue", "sys",
        "sys/fs", "sys/fs/cgroup");
    return relative -> {
      Path p = upper.resolve(relative);
      try {
        if (files.contains(relative)) {
          return Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(p) == 0;
        }
        if (dirs.contains(relative) && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          try (var children = Files.list(p)) {
            return children.allMatch(child -> dirs.contains(upper.relativize(child).toString()));
          }
        }
      } catch (IOException e) {
        return false;
      }
      return false;
    };
  }

  @Override
  public void export(String name, java.io.OutputStream out) {
    Container c = get(name);
    withRootfs(c, rootfs -> io.wharf.engine.archive.LayerWriter.write(rootfs, out, false));
  }

  /** Runs {@code action} on the container's mounted root file system, mounting it for the while if stopped. */
  private void withRootfs(Container found, IoAction action) {
    synchronized (lock(found.id())) {
      Container c = get(found.id());
      Path rootfs = root.resolve(c.id()).resolve("rootfs");
      boolean mounted = c.state() == ContainerState.RUNNING;
      try {
        if (!mounted) {
          Files.createDirectories(rootfs);
          Mount mount = snapshots.prepare(c.id(), images.get(c.imageId().toString()).chainIds());
          MountCalls.mount(mount.source(), rootfs, mount.type(), 0, String.join(",", mount.options()));
        }
        try {
          action.run(rootfs);
        } finally {
          if (!mounted) {
            MountCalls.unmount(rootfs, MountCalls.MNT_DETACH);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public <T> T onFilesystem(String name, FilesystemWork<T> work) {
    Container found = get(name);
    try {
      if (found.state() == ContainerState.RUNNING && found.pid() > 0) {
        // "/." after the magic link: lstat of the root itself must see the directory, not the link
        return work.run(Path.of("/proc/" + found.pid() + "/root/."), found);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Object[] result = new Object[1];
    withRootfs(found, rootfs -> {
      List<Path> mounted = new ArrayList<>();
      try {
        for (var m : found.settings().mounts()) {
          Path target = rootfs.resolve(io.wharf.engine.archive.RootedPath.clean(m.target()));
          Path source = m.ofVolume() ? Path.of(volumes.get(m.source()).mountpoint())
              : m.type().equals("bind") ? Path.of(m.source()) : null;
          if (source != null && Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
              && Files.isDirectory(source)) {
            MountCalls.mount(source.toString(), target, "", 4096 | 16384, ""); // MS_BIND | MS_REC
            mounted.add(target);
          }
        }
        result[0] = work.run(rootfs, found);
      } finally {
        for (Path p : mounted.reversed()) {
          MountCalls.unmount(p, MountCalls.MNT_DETACH);
        }
      }
    });
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }

  @FunctionalInterface
  private interface IoAction {
    void run(Path rootfs) throws IOException;
  }

  @Override
  public String commit(String name, String reference, String comment, String author, List<String> changes) {
    Container c = get(name);
    Image image = images.get(c.imageId().toString());
    var base = image.config().config() == null ? io.wharf.oci.image.ContainerConfig.empty() : image.config().config();
    Map<String, String> labels = new java.util.LinkedHashMap<>(base.labels() == null ? Map.of() : base.labels());
    labels.putAll(c.labels());
    var config = new io.wharf.oci.image.ContainerConfig(c.user().isEmpty() ? null : c.user(), base.exposedPorts(),
        c.env(), c.entrypoint().isEmpty() ? null : c.entrypoint(), c.cmd().isEmpty() ? null : c.cmd(),
        base.volumes(),
        c.workingDir().isEmpty() ? null : c.workingDir(), labels.isEmpty() ? null : labels, base.stopSignal(), null,
        base.healthcheck(), base.onBuild(), base.shell());
    return commit(c.id(), new io.wharf.engine.image.CommitRequest(c.imageId().toString(), config,
        changes == null ? List.of() : changes, reference, comment, author == null ? "" : author,
        String.join(" ", c.args()))).id().toString();
  }

  @Override
  public Image commit(String name, io.wharf.engine.image.CommitRequest request) {
    Container c = get(name);
    Path layer = null;
    try {
      layer = Files.createTempFile(root, "commit-", ".tar");
      try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(layer))) {
        Path upper = snapshots.upper(c.id());
        io.wharf.engine.archive.LayerWriter.write(upper, out, true, mountPlaceholders(upper));
      }
      try (var in = Files.newInputStream(layer)) {
        return images.commit(in, new io.wharf.engine.image.CommitRequest(c.imageId().toString(), request.config(),
            request.changes(), request.reference(), request.comment(), request.author(), request.createdBy()));
      }
    } catch (IOException e) {
      throw new SystemError("cannot commit container " + c.id() + ": " + e.getMessage(), e);
    } finally {
      if (layer != null) {
        try {
          Files.deleteIfExists(layer);
        } catch (IOException e) {
          LOG.fine("commit scratch file " + layer + ": " + e.getMessage());
        }
      }
    }
  }

  @Override
  public PruneResult prune(Map<String, List<String>> filters) {
    var matches = ContainerFilters.of(filters, this::get);
    List<String> deleted = new ArrayList<>();
    long reclaimed = 0;
    for (Container c : all()) {
      if (c.state() == ContainerState.RUNNING || !matches.test(c)) {
        continue;
      }
      long size = sizeOf(snapshots.upper(c.id()));
      try {
        remove(c.id(), false);
        deleted.add(c.id());
        reclaimed += size;
      } catch (RuntimeException e) {
        LOG.warning("prune: cannot remove " + c.id() + ": " + e.getMessage());
      }
    }
    return new PruneResult(deleted, reclaimed);
  }

  @Override
  public Container get(String name) {
    String wanted = name.startsWith("/") ? name.substring(1) : name;
    List<Container> containers = all();
    for (Container c : containers) {
      if (c.id().equals(wanted) || c.name().equals(wanted)) {
        return c;
      }
    }
    List<Container> byPrefix = containers.stream().filter(c -> c.id().startsWith(wanted)).toList();
    if (byPrefix.size() == 1 && !wanted.isEmpty()) {
      return byPrefix.getFirst();
    }
    throw new NotFound("No such container: " + name);
  }

  @Override
  public long[] sizes(String name) {
    Container c = get(name);
    long rw = sizeOf(snapshots.upper(c.id()));
    long image;
    try {
      image = images.get(c.imageId().toString()).size();
    } catch (NotFound e) {
      image = 0;
    }
    return new long[] {rw, rw + image};
  }

  @Override
  public String logPath(String name) {
    return root.resolve(get(name).id()).resolve("ctr.log").toString();
  }

  @Override
  public long logSize(String name) {
    Path log = root.resolve(get(name).id()).resolve("ctr.log");
    try {
      return Files.exists(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void logs(String name, LogOptions options, LogSink sink) {
    Container c = get(name);
    try {
      ContainerLog.read(root.resolve(c.id()).resolve("ctr.log"), options, () -> isRunningOrStarting(c.id()), sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Running, or created and about to start (a client attached before start). */
  private boolean isRunningOrStarting(String id) {
    try {
      Container c = get(id);
      return c.state() == ContainerState.RUNNING || (c.state() == ContainerState.CREATED && c.startedAt() == null);
    } catch (NotFound e) {
      return false;
    }
  }

  /** The name prefix of a removed container's directory while its files are deleted. */
  private static final String REMOVING = ".removing-";

  /**
   * Deletes a removed container's directory and its writable layer (the active snapshot
   * {@code snapshot}) without making the removal wait for them: the directory is renamed at once
   * (nothing looks for it under its ID again), and both are deleted on a virtual thread; what a
   * stopped daemon left behind goes at the next start ({@link #reconcile}).
   */
  private void discard(Path dir, String snapshot) throws IOException {
    Path doomed = null;
    if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      doomed = root.resolve(REMOVING + dir.getFileName());
      Files.move(dir, doomed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    Path files = doomed;
    Thread.ofVirtual().name("discard-" + dir.getFileName().toString().substring(0, 12)).start(() -> {
      try {
        snapshots.removeActive(snapshot);
        if (files != null) {
          io.wharf.engine.archive.FileTree.delete(files);
        }
      } catch (IOException e) {
        LOG.warning("deleting the files of removed container " + snapshot + ": " + e.getMessage());
      }
    });
  }

  /**
   * The records {@link #all} read last, parsed, by their JSON text: a container is parsed again
   * only when its record changed (every lookup by name reads the table, so an unchanged
   * record was parsed over and over). Records are immutable; replaced whole, never changed.
   */
  private volatile Map<String, Container> parsed = Map.of();

  private List<Container> all() {
    List<String> records = state.transaction(ContainerTable::all);
    Map<String, Container> before = parsed;
    Map<String, Container> now = new java.util.HashMap<>(records.size() * 2);
    List<Container> containers = new ArrayList<>(records.size());
    for (String record : records) {
      Container c = before.get(record);
      if (c == null) {
        try {
          c = Json.MAPPER.readValue(record, Container.class);
        } catch (IOException e) {
          throw new SystemError("unreadable container record: " + e.getMessage(), e);
        }
      }
      now.put(record, c);
      containers.add(c);
    }
    parsed = now; // what is no longer stored goes: the map holds only the records just read
    return containers;
  }

  private void save(Container c) {
    state.transaction(conn -> {
      ContainerTable.put(conn, c.id(), c.name(), c.imageId().toString(), json(c));
      return null;
    });
  }

  private static String json(Container c) {
    try {
      return Json.MAPPER.writeValueAsString(c);
    } catch (IOException e) {
      throw new SystemError("cannot record container " + c.id(), e);
    }
  }

  private final Map<String, Object> locks = new HashMap<>();

  private synchronized Object lock(String id) {
    return locks.computeIfAbsent(id, k -> new Object());
  }

  /** Bytes of the regular files under {@code dir} (a container's writable layer). */
  static long sizeOf(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var tree = Files.walk(dir)) {
      return tree.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }
}
