package io.wharf.engine.snapshot;

import io.wharf.engine.archive.FileTree;
import io.wharf.engine.archive.LayerExtractor;
import io.wharf.engine.archive.LayerStats;
import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import io.wharf.oci.runtime.Mount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Snapshots as directories {@code <root>/<chain-id hex>/fs} (with the layer's size in
 * {@code <chain-id hex>/size}); active snapshots as {@code <root>/active/<key>/{upper,work}}.
 * Layers are unpacked (or staged) under {@code <root>/tmp-*} first and renamed into place.
 * Thread-safe: two unpacks of the same chain race only to the rename, and the loser's copy is
 * discarded.
 */
public final class OverlaySnapshotter implements Snapshotter {
  private static final String TEMP_PREFIX = "tmp-";
  private static final String SIZE = "size";
  private static final String ACTIVE = "active";
  private final Path root;

  /**
   * Opens the snapshots under {@code root}, removing unpacks and staged layers an earlier process
   * left unfinished.
   */
  public OverlaySnapshotter(Path root) throws IOException {
    this.root = Files.createDirectories(root);
    try (Stream<Path> entries = Files.list(root)) {
      for (Path p : entries.toList()) {
        if (p.getFileName().toString().startsWith(TEMP_PREFIX)) {
          FileTree.delete(p);
        }
      }
    }
  }

  @Override
  public boolean exists(Digest chainId) {
    return Files.isDirectory(path(chainId));
  }

  @Override
  public LayerStats unpack(Digest chainId, InputStream tar) throws IOException {
    if (exists(chainId)) {
      return new LayerStats(digestOnly(tar), Long.parseLong(Files.readString(sizeFile(chainId)).strip()));
    }
    MessageDigest sha256 = Digest.sha256();
    try (Staged staged = stage(new DigestInputStream(tar, sha256))) {
      staged.commit(chainId);
      return new LayerStats(Digest.fromHash(sha256.digest()), staged.size());
    }
  }

  @Override
  public Staged stage(InputStream tar) throws IOException {
    Path temp = Files.createTempDirectory(root, TEMP_PREFIX);
    try {
      Path fs = Files.createDirectory(temp.resolve("fs"));
      Files.setPosixFilePermissions(fs, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      long size = LayerExtractor.extractUndigested(tar, fs);
      Files.writeString(temp.resolve(SIZE), Long.toString(size));
      return new StagedDirectory(temp, size);
    } catch (IOException | RuntimeException e) {
      FileTree.delete(temp);
      throw e;
    }
  }

  /** A staged layer: a {@code <root>/tmp-*} directory laid out as a snapshot, renamed into place. */
  private final class StagedDirectory implements Staged {
    private final Path dir;
    private final long size;

    StagedDirectory(Path dir, long size) {
      this.dir = dir;
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public void commit(Digest chainId) throws IOException {
      if (!exists(chainId)) {
        try {
          Files.move(dir, root.resolve(chainId.hex()), StandardCopyOption.ATOMIC_MOVE);
          return;
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
          // another unpack of the same layer won
        }
      }
      FileTree.delete(dir);
    }

    /** Removes the staged copy; after a commit there is nothing left to remove. */
    @Override
    public void close() throws IOException {
      FileTree.delete(dir);
    }
  }

  private static Digest digestOnly(InputStream tar) throws IOException {
    MessageDigest sha256 = Digest.sha256();
    new DigestInputStream(tar, sha256).transferTo(OutputStream.nullOutputStream());
    return Digest.fromHash(sha256.digest());
  }

  private Path sizeFile(Digest chainId) {
    return root.resolve(chainId.hex()).resolve(SIZE);
  }

  @Override
  public Path path(Digest chainId) {
    return root.resolve(chainId.hex()).resolve("fs");
  }

  @Override
  public List<Path> lowerDirs(List<Digest> chainIds) {
    List<Path> dirs = new ArrayList<>();
    for (int i = chainIds.size() - 1; i >= 0; i--) {
      dirs.add(path(chainIds.get(i)));
    }
    return dirs;
  }

  @Override
  public void remove(Digest chainId) throws IOException {
    Path dir = root.resolve(chainId.hex());
    if (!Files.exists(dir)) {
      return;
    }
    // rename first so that a crash mid-delete leaves a temp dir, cleaned at the next start
    Path doomed = root.resolve(TEMP_PREFIX + "rm-" + chainId.hex());
    Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
    FileTree.delete(doomed);
  }

  @Override
  public Mount prepare(String key, List<Digest> chainIds) throws IOException {
    if (!key.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")) {
      throw new InvalidArgument("invalid snapshot key: " + key);
    }
    List<String> lower = new ArrayList<>();
    for (Path dir : lowerDirs(chainIds)) {
      if (!Files.isDirectory(dir)) {
        throw new NotFound("snapshot " + dir.getParent().getFileName() + " not found");
      }
      lower.add(dir.toString());
    }
    Path active = root.resolve(ACTIVE).resolve(key);
    Files.createDirectories(active.resolve("upper"));
    Files.createDirectories(active.resolve("work"));
    if (lower.isEmpty()) {
      // overlayfs needs a lower layer: an image with no layers (FROM scratch) gets an empty one
      lower.add(Files.createDirectories(active.resolve("empty")).toString());
    }
    return new Mount("", "overlay", "overlay", List.of("lowerdir=" + String.join(":", lower),
        "upperdir=" + active.resolve("upper"), "workdir=" + active.resolve("work")));
  }

  @Override
  public Path upper(String key) {
    return root.resolve(ACTIVE).resolve(key).resolve("upper");
  }

  @Override
  public void removeActive(String key) throws IOException {
    Path active = root.resolve(ACTIVE).resolve(key);
    if (Files.exists(active)) {
      Path doomed = root.resolve(TEMP_PREFIX + "rm-active-" + key);
      Files.move(active, doomed, StandardCopyOption.ATOMIC_MOVE);
      FileTree.delete(doomed);
    }
  }

  @Override
  public Set<Digest> list() throws IOException {
    Set<Digest> all = new HashSet<>();
    try (Stream<Path> entries = Files.list(root)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (Digest.isDigest("sha256:" + name)) {
          all.add(new Digest("sha256", name));
        }
      }
    }
    return all;
  }

  @Override
  public Set<String> activeKeys() throws IOException {
    Path active = root.resolve(ACTIVE);
    if (!Files.isDirectory(active)) {
      return Set.of();
    }
    try (Stream<Path> entries = Files.list(active)) {
      return entries.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
    }
  }
}
