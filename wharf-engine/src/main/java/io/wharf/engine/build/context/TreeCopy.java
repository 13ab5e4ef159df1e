package io.wharf.engine.build.context;

import io.wharf.oci.errors.InvalidArgument;
import io.wharf.sys.FileSystemCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Copies entries into a root file system as Docker's tar-based copy does: what is in the way
 * is removed first unless a directory meets a directory (then the two are merged and the
 * existing one takes the source's mode and mtime); files, links, FIFOs and character devices
 * are recreated, never written through; every entry gets the owner and, when {@code --chmod}
 * was given, its permission bits; mtimes are kept to the second, as Docker's tar headers keep
 * them. Not thread-safe: one instance per copy.
 */
final class TreeCopy {
  private final Path destRoot;
  private final Owner owner;
  private final Integer chmod;

  TreeCopy(Path destRoot, Owner owner, Integer chmod) {
    this.destRoot = destRoot;
    this.owner = owner;
    this.chmod = chmod;
  }

  /** Copies the entries of {@code sourceDir} into {@code target}, created (with its parents) when missing. */
  void contents(Path sourceDir, Path target) throws IOException {
    boolean existed = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    if (existed && !ScopedPath.isDirectory(target)) {
      throw notADirectory(target);
    }
    if (!existed) {
      // Docker creates it as root, then chowns it with what was copied into it
      mkdirs(target.getParent(), Owner.ROOT);
      Files.createDirectory(target);
      Trees.setOwnerAndMode(target, owner.uid(), owner.gid(), chmod != null ? chmod : 0755);
    }
    for (Path child : Trees.children(sourceDir)) {
      entry(child, target.resolve(child.getFileName().toString()));
    }
  }

  /** Copies one entry, a directory with everything below it, to {@code target}. */
  void entry(Path source, Path target) throws IOException {
    Map<String, Object> stat =
        Files.readAttributes(source, "unix:mode,rdev,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) stat.get("mode");
    int type = mode & 0170000;
    boolean directory = type == 0040000;
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !(directory && ScopedPath.isDirectory(target))) {
      io.wharf.engine.archive.FileTree.delete(target);
    }
    switch (type) {
      case 0040000 -> {
        if (!ScopedPath.isDirectory(target)) {
          Files.createDirectory(target);
        }
        for (Path child : Trees.children(source)) {
          entry(child, target.resolve(child.getFileName().toString()));
        }
      }
      case 0100000 -> Files.copy(source, target);
      case 0120000 -> Files.createSymbolicLink(target, Files.readSymbolicLink(source));
      case 0010000 -> FileSystemCalls.mkfifo(target, mode & 07777);
      case 0020000 -> {
        long rdev = (Long) stat.get("rdev");
        FileSystemCalls.mknodChar(target, mode & 07777, FileSystemCalls.major(rdev), FileSystemCalls.minor(rdev));
      }
      default -> throw new InvalidArgument("failed to copy files: unsupported file type: " + source.getFileName());
    }
    Trees.setOwnerAndMode(target, owner.uid(), owner.gid(), chmod != null ? chmod : mode);
    FileTime mtime = (FileTime) stat.get("lastModifiedTime");
    Trees.setTimes(target, FileTime.from(mtime.to(TimeUnit.SECONDS), TimeUnit.SECONDS));
  }

  /**
   * Creates {@code dir} and its missing parents, mode 0755, owned by {@code by}; existing
   * directories are left as they are.
   */
  void mkdirs(Path dir, Owner by) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    Path existing = dir;
    while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      missing.push(existing);
      existing = existing.getParent();
    }
    if (!ScopedPath.isDirectory(existing)) {
      throw notADirectory(existing);
    }
    for (Path path : missing) {
      Files.createDirectory(path);
      Trees.setOwnerAndMode(path, by.uid(), by.gid(), 0755);
    }
  }

  InvalidArgument notADirectory(Path path) {
    return new InvalidArgument(
        "failed to copy files: mkdir " + ScopedPath.display(destRoot, path) + ": not a directory");
  }
}
