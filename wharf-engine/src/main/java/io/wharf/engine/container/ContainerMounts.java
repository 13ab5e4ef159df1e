package io.wharf.engine.container;

import io.wharf.engine.archive.LayerExtractor;
import io.wharf.engine.archive.LayerWriter;
import io.wharf.engine.archive.RootedPath;
import io.wharf.engine.volume.MountSpec;
import io.wharf.engine.volume.VolumeService;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.image.ContainerConfig;
import io.wharf.oci.runtime.Mount;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A container's mounts: resolved at create ({@code --volumes-from}, the image's VOLUMEs as
 * anonymous volumes, volumes created on demand, Docker's duplicate check), turned into OCI
 * mounts at start (a new or empty volume first filled with the image's content at its target,
 * whole or not at all), undone at exit. Stateless.
 */
final class ContainerMounts {
  private ContainerMounts() {}

  static List<MountSpec> resolve(VolumeService volumes, String containerId, List<MountSpec> asked,
      List<String> volumesFrom, Function<String, Container> lookup, ContainerConfig image) {
    List<MountSpec> mounts = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    for (MountSpec m : asked) {
      if (!targets.add(m.target())) {
        throw new InvalidArgument("Duplicate mount point: " + m.target());
      }
      mounts.add(m);
    }
    for (String from : volumesFrom) {
      String[] parts = from.split(":");
      if (parts.length > 2 || (parts.length == 2 && !parts[1].matches("ro|rw"))) {
        throw new InvalidArgument("invalid mode: " + (parts.length > 1 ? parts[1] : from));
      }
      Container other = lookup.apply(parts[0]);
      for (MountSpec m : other.settings().mounts()) {
        if (targets.add(m.target())) {
          mounts.add(parts.length == 2 ? m.withReadOnly(parts[1].equals("ro")) : m);
        }
      }
    }
    if (image != null && image.volumes() != null) {
      for (String path : image.volumes().keySet()) {
        if (targets.add(path)) {
          mounts.add(new MountSpec("volume", "", path, false, "", false, "", ""));
        }
      }
    }
    List<MountSpec> resolved = new ArrayList<>();
    for (MountSpec m : mounts) {
      MountSpec r = m;
      if (m.ofVolume()) {
        var volume = volumes.create(m.source(), "local", Map.of(), Map.of());
        r = new MountSpec(m.type(), volume.name(), m.target(), m.readOnly(), m.propagation(), m.noCopy(),
            m.tmpfsOptions(), m.mode());
        volumes.retain(volume.name(), containerId);
      } else if (m.type().equals("bind") && !Files.exists(Path.of(m.source()))) {
        try {
          Files.createDirectories(Path.of(m.source())); // as dockerd does for -v /host/path
        } catch (IOException e) {
          throw new InvalidArgument("error while creating mount source path '" + m.source() + "': " + e.getMessage());
        }
      }
      resolved.add(r);
    }
    return resolved;
  }

  /** The OCI mounts of {@code mounts}; volumes are filled from the image at {@code rootfs} first when empty. */
  static List<Mount> oci(VolumeService volumes, String containerId, List<MountSpec> mounts, Path rootfs)
      throws IOException {
    List<Mount> out = new ArrayList<>();
    for (MountSpec m : mounts) {
      String rw = m.readOnly() ? "ro" : "rw";
      switch (m.type()) {
        case "bind" -> out.add(new Mount(m.target(), "bind", m.source(),
            List.of("rbind", rw, m.propagation().isEmpty() ? "rprivate" : m.propagation())));
        case "volume" -> {
          Path data = volumes.mount(m.source(), containerId);
          if (!m.noCopy()) {
            copyUp(rootfs, m.target(), data);
          }
          out.add(new Mount(m.target(), "bind", data.toString(), List.of("rbind", rw, "rprivate")));
        }
        case "tmpfs" -> {
          List<String> options = new ArrayList<>(List.of(m.tmpfsOptions().split(",")));
          options.add(rw);
          out.add(new Mount(m.target(), "tmpfs", "tmpfs", options));
        }
        default -> throw new InvalidArgument("unknown mount type " + m.type());
      }
    }
    return out;
  }

  static void release(VolumeService volumes, String containerId, List<MountSpec> mounts) {
    for (MountSpec m : mounts) {
      if (m.ofVolume()) {
        volumes.unmount(m.source(), containerId);
      }
    }
  }

  /**
   * Fills the empty volume {@code data} with what the image has at {@code target}: owners, modes,
   * times and links kept. Written aside and renamed over the empty directory, so that a crash
   * leaves the volume empty or full, never half-filled.
   */
  static void copyUp(Path rootfs, String target, Path data) throws IOException {
    if (!isEmptyDirectory(data)) {
      return;
    }
    Path source;
    try {
      source = resolveExisting(rootfs, target);
    } catch (IOException e) {
      return;
    }
    if (source == null || !Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS) || isEmptyDirectory(source)) {
      return;
    }
    Path parent = data.getParent();
    Path tar = Files.createTempFile(parent, "copyup-", ".tar");
    Path staged = parent.resolve("_data.copyup");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 16)) {
        LayerWriter.write(source, out, false);
      }
      io.wharf.engine.archive.FileTree.delete(staged);
      Files.createDirectory(staged);
      try (InputStream in = Files.newInputStream(tar)) {
        LayerExtractor.extract(in, staged);
      }
      Object owner = Files.getAttribute(source, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      Object group = Files.getAttribute(source, "unix:gid", LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(staged, "unix:uid", owner, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(staged, "unix:gid", group, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(staged, "unix:mode", Files.getAttribute(source, "unix:mode", LinkOption.NOFOLLOW_LINKS),
          LinkOption.NOFOLLOW_LINKS);
      if (isMountPoint(data)) {
        try (Stream<Path> entries = Files.list(staged)) {
          for (Path p : entries.toList()) {
            Files.move(p, data.resolve(p.getFileName().toString()));
          }
        }
        io.wharf.engine.archive.FileTree.delete(staged);
      } else {
        Files.move(staged, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tar);
      io.wharf.engine.archive.FileTree.delete(staged);
    }
  }

  /** {@code path} inside {@code root}, links followed inside it; null when it does not exist. */
  private static Path resolveExisting(Path root, String path) throws IOException {
    String clean = RootedPath.clean(path);
    int slash = clean.lastIndexOf('/');
    String parentPath = slash < 0 ? "" : clean.substring(0, slash);
    Path parent = root;
    for (String part : parentPath.isEmpty() ? new String[0] : parentPath.split("/")) {
      Path next = parent.resolve(part);
      if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
        return null; // a link or nothing on the way: Docker copies nothing either
      }
      parent = next;
    }
    Path p = parent.resolve(slash < 0 ? clean : clean.substring(slash + 1));
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? p : null;
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static boolean isMountPoint(Path dir) throws IOException {
    Object here = Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS);
    Object parent = Files.getAttribute(dir.getParent(), "unix:dev", LinkOption.NOFOLLOW_LINKS);
    return !here.equals(parent);
  }
}
