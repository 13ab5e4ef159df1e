package io.wharf.engine.wiring;

import io.wharf.engine.build.Builder;
import io.wharf.engine.build.LocalBuilder;
import io.wharf.engine.container.ContainerService;
import io.wharf.engine.container.LocalContainerService;
import io.wharf.engine.content.LocalContentStore;
import io.wharf.engine.image.ImageService;
import io.wharf.engine.image.LocalImageService;
import io.wharf.engine.event.EventService;
import io.wharf.engine.event.LocalEventService;
import io.wharf.engine.network.LocalNetworkService;
import io.wharf.engine.network.NetworkService;
import io.wharf.engine.volume.LocalVolumeService;
import io.wharf.engine.volume.VolumeService;
import io.wharf.engine.runtime.ConmonRuntime;
import io.wharf.engine.snapshot.OverlaySnapshotter;
import io.wharf.engine.state.StateStore;
import io.wharf.oci.Digest;
import io.wharf.oci.errors.SystemError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A running engine: the services of one data root, opened together and closed together.
 * Open it once per daemon; thread-safe.
 */
public final class Engine implements AutoCloseable {
  private final EngineConfig config;
  private final StateStore state;
  private final ImageService images;
  private final LocalContainerService containers;
  private final ConmonRuntime runtime;
  private final Builder builder;
  private final LocalNetworkService networks;
  private final VolumeService volumes;
  private final LocalEventService events;

  private Engine(EngineConfig config, StateStore state, ImageService images, LocalContainerService containers,
      ConmonRuntime runtime, Builder builder, LocalNetworkService networks, VolumeService volumes,
      LocalEventService events) {
    this.events = events;
    this.volumes = volumes;
    this.builder = builder;
    this.networks = networks;
    this.config = config;
    this.state = state;
    this.images = images;
    this.containers = containers;
    this.runtime = runtime;
  }

  /**
   * Opens (creating when missing) the engine's state under {@code config}, reconciling what
   * an earlier crash left behind: temporary files removed, half-written objects dropped.
   */
  public static Engine open(EngineConfig config) {
    try {
      Path root = Files.createDirectories(config.dataRoot());
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x---"));
      Files.createDirectories(config.execRoot());
      // sqlite-jdbc unpacks its native library at every start: into the exec root, not a
      // shared /tmp, so that one daemon's leftovers never meet another's
      if (System.getProperty("org.sqlite.tmpdir") == null) {
        System.setProperty("org.sqlite.tmpdir", config.execRoot().toString());
      }
      StateStore state = new StateStore(root.resolve("wharf.db"));
      LocalEventService events = new LocalEventService(state);
      OverlaySnapshotter snapshots = new OverlaySnapshotter(root.resolve("snapshots"));
      LocalImageService images = new LocalImageService(state, new LocalContentStore(root.resolve("content")), snapshots,
          root.resolve("pulls"), config.distribution(), events::publish);
      images.reconcile();
      java.util.Map<String, Path> runtimes = new java.util.LinkedHashMap<>();
      runtimes.put("runc", firstExecutable("/usr/sbin/runc", "/usr/bin/runc"));
      runtimes.putAll(config.runtimes());
      ConmonRuntime runtime = new ConmonRuntime(runtimes, config.defaultRuntime(),
          firstExecutable("/usr/bin/conmon", "/usr/libexec/podman/conmon"), config.execRoot());
      String daemonTag = daemonTag(root);
      LocalNetworkService networks = LocalNetworkService.open(state, config.execRoot().resolve("netns"), daemonTag,
          events);
      LocalVolumeService volumes = new LocalVolumeService(state, root.resolve("volumes"), events);
      LocalContainerService containers = new LocalContainerService(state, images, snapshots, runtime, networks,
          volumes, events, root.resolve("containers"), "wharf-" + daemonTag);
      containers.reconcile();
      LocalBuilder builder = new LocalBuilder(state, images, containers, snapshots, root.resolve("build"));
      builder.reconcile();
      containers.restartPolicies();
      return new Engine(config, state, images, containers, runtime, builder, networks, volumes, events);
    } catch (IOException e) {
      throw new SystemError("cannot open the data root " + config.dataRoot() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The tag of the daemon of {@code dataRoot}: 12 hex characters naming its cgroup parent,
   * bridges, veths and iptables chains, so that two daemons never touch each other's.
   */
  public static String daemonTag(Path dataRoot) {
    return Digest.of(dataRoot.toAbsolutePath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).shortId();
  }

  /** The OCI runtimes containers can run under, and the default one. */
  public ConmonRuntime runtimes() {
    return runtime;
  }

  public EngineConfig config() {
    return config;
  }

  public ImageService images() {
    return images;
  }

  public ContainerService containers() {
    return containers;
  }

  public Builder builder() {
    return builder;
  }

  public NetworkService networks() {
    return networks;
  }

  public VolumeService volumes() {
    return volumes;
  }

  public EventService events() {
    return events;
  }

  /** The first of {@code candidates} that exists, else the first (a clear error comes at use). */
  private static Path firstExecutable(String... candidates) {
    for (String candidate : candidates) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return Path.of(candidates[0]);
  }

  @Override
  public void close() {
    containers.releaseCgroups();
    networks.close();
    events.close();
    try {
      runtime.close();
    } catch (IOException e) {
      // the exit watcher's inotify descriptor; nothing else to release
    }
    state.close();
  }
}
