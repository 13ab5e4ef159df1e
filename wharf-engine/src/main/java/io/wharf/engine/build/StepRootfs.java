package io.wharf.engine.build;

import io.wharf.engine.archive.LayerWriter;
import io.wharf.engine.snapshot.Snapshotter;
import io.wharf.oci.Digest;
import io.wharf.oci.runtime.Mount;
import io.wharf.sys.MountCalls;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The root file system of a build step that changes files without running anything (COPY, ADD,
 * WORKDIR): an active snapshot on the step's parent chain, mounted at a directory of its own.
 * The builder changes files in {@link #path()}, then {@link #writeLayer} writes what changed as
 * an OCI layer; {@link #close} unmounts and deletes the snapshot whatever happened.
 * Not thread-safe.
 */
final class StepRootfs implements AutoCloseable {
  /** The snapshot keys of step root file systems: what a restart may remove. */
  static final String KEY_PREFIX = "build-";

  private final Snapshotter snapshots;
  private final String key;
  private final Path mountPoint;
  private boolean mounted;

  private StepRootfs(Snapshotter snapshots, String key, Path mountPoint) {
    this.snapshots = snapshots;
    this.key = key;
    this.mountPoint = mountPoint;
  }

  /** Mounts a new writable layer over {@code chain} (bottom first; empty for scratch) under {@code scratch}. */
  static StepRootfs mount(Snapshotter snapshots, List<Digest> chain, Path scratch) throws IOException {
    String key = KEY_PREFIX + UUID.randomUUID();
    StepRootfs rootfs = new StepRootfs(snapshots, key, Files.createDirectories(scratch.resolve(key)));
    try {
      Mount mount = snapshots.prepare(key, chain);
      MountCalls.mount(mount.source(), rootfs.mountPoint, mount.type(), 0, String.join(",", mount.options()));
      rootfs.mounted = true;
      return rootfs;
    } catch (IOException | RuntimeException e) {
      rootfs.close();
      throw e;
    }
  }

  Path path() {
    return mountPoint;
  }

  /** True when the step changed nothing: no layer needed. */
  boolean unchanged() throws IOException {
    try (Stream<Path> entries = Files.list(snapshots.upper(key))) {
      return entries.findAny().isEmpty();
    }
  }

  /** Writes the step's changes as an uncompressed OCI layer tar to {@code file}. */
  void writeLayer(Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      LayerWriter.write(snapshots.upper(key), out, true);
    }
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    try {
      if (mounted) {
        MountCalls.unmount(mountPoint, MountCalls.MNT_DETACH);
        mounted = false;
      }
    } catch (IOException e) {
      failure = e;
    }
    try {
      snapshots.removeActive(key);
      Files.deleteIfExists(mountPoint);
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
