package io.wharf.engine.archive;

import io.wharf.oci.errors.InvalidArgument;
import io.wharf.sys.FileSystemCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A tar unpacked into a directory of a container's root file system, as moby's
 * {@code archive.Unpack} does for {@code PUT /containers/{id}/archive}, but with every path
 * resolved in the root ({@link RootedPath}) instead of in a chroot: entry names are cleaned and
 * may not climb out of the extraction directory, missing parents are made (0755), what is in the
 * way is replaced (never written through: a link in the way is removed, not followed), owners,
 * modes, times and extended attributes come from the tar. Unlike Docker, device files are
 * refused and the extraction directory itself is never replaced. One instance per archive;
 * not thread-safe.
 *
 * <p>A running container's processes can change its files while this runs; the checks are made
 * path by path, so a process racing them could still redirect a write. Docker pauses the
 * container for the copy (CVE-2018-15664); a caller that needs that guarantee does the same.
 */
final class PathExtractor {
  private static final String XATTR_PREFIX = "SCHILY.xattr.";
  private final Path root;
  private final Path dest;
  private final String destName;
  private final boolean noOverwriteDirNonDir;
  private final List<Path> directories = new ArrayList<>();
  private final List<TarArchiveEntry> directoryEntries = new ArrayList<>();

  /** {@code dest}: an existing directory inside {@code root}, every link in it resolved. */
  PathExtractor(Path root, Path dest, boolean noOverwriteDirNonDir) {
    this.root = root;
    this.dest = dest;
    this.destName = "/" + root.relativize(dest);
    this.noOverwriteDirNonDir = noOverwriteDirNonDir;
  }

  void extract(InputStream compressed) throws IOException {
    CountedTar counting = new CountedTar(Compression.decompress(compressed));
    try {
      TarArchiveInputStream entries = new TarArchiveInputStream(counting, StandardCharsets.UTF_8.name());
      TarArchiveEntry entry;
      while ((entry = entries.getNextEntry()) != null) {
        unpack(entry, entries);
      }
      counting.transferTo(OutputStream.nullOutputStream());
      counting.requireWholeBlocks();
    } catch (InvalidArgument | FileSystemException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidArgument("invalid tar archive: " + e.getMessage(), e);
    }
    // Directory times last, as Docker does: writing their children changed them.
    for (int i = 0; i < directories.size(); i++) {
      if (stillInside(directories.get(i))) {
        setTimes(directories.get(i), directoryEntries.get(i));
      }
    }
  }

  private void unpack(TarArchiveEntry entry, InputStream content) throws IOException {
    String name = ContainerPath.clean(entry.getName());
    if (name.equals("..") || name.startsWith("../")) {
      throw new InvalidArgument(ContainerPath.quote(name) + " is outside of " + ContainerPath.quote(destName));
    }
    String relative = name.startsWith("/") ? name.substring(1) : name.equals(".") ? "" : name;
    String lexical = ContainerPath.join(destName, relative);
    if (relative.isEmpty()) {
      if (!entry.isDirectory()) {
        throw new InvalidArgument(overwriteMessage(true, lexical));
      }
      return; // the extraction directory itself: Docker leaves it as it is
    }
    Kind kind = Kind.of(entry);
    refuseBeforeTouching(entry, kind, lexical);
    Path linked = kind == Kind.HARDLINK ? hardLinkTarget(entry.getLinkName()) : null;
    int slash = relative.lastIndexOf('/');
    Path parent = RootedPath.directory(root, join(root.relativize(dest).toString(),
        slash < 0 ? "" : relative.substring(0, slash)));
    Path path = parent.resolve(relative.substring(slash + 1));
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      boolean isDirectory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
      if (noOverwriteDirNonDir && isDirectory != (kind == Kind.DIRECTORY)) {
        throw new InvalidArgument(overwriteMessage(isDirectory, lexical));
      }
      if (!(isDirectory && kind == Kind.DIRECTORY)) {
        removeTree(path);
      }
    }
    switch (kind) {
      case DIRECTORY -> {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectory(path);
        }
        directories.add(path);
        directoryEntries.add(entry);
      }
      case FILE -> {
        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          content.transferTo(out);
        }
      }
      case SYMLINK -> Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
      case HARDLINK -> Files.createLink(path, linked);
      case FIFO -> FileSystemCalls.mkfifo(path, entry.getMode());
      default -> throw new IllegalStateException("refused above: " + kind);
    }
    applyMetadata(path, entry, kind);
  }

  /** What is refused is refused before anything in the way is removed. */
  private void refuseBeforeTouching(TarArchiveEntry entry, Kind kind, String lexical) {
    if (kind == Kind.DEVICE) {
      throw new InvalidArgument("invalid tar entry " + ContainerPath.quote(entry.getName()) + ": device files are not allowed");
    }
    if (kind == Kind.OTHER) {
      throw new InvalidArgument("invalid tar entry " + ContainerPath.quote(entry.getName())
          + ": unhandled tar header type " + (char) entry.getLinkFlag());
    }
    if (kind == Kind.SYMLINK) {
      checkSymlink(lexical, entry.getLinkName());
    }
  }

  private String overwriteMessage(boolean existingIsDirectory, String lexical) {
    return existingIsDirectory
        ? "cannot overwrite directory " + ContainerPath.quote(lexical) + " with non-directory " + ContainerPath.quote(destName)
        : "cannot overwrite non-directory " + ContainerPath.quote(lexical) + " with directory " + ContainerPath.quote(destName);
  }

  /** Docker refuses a link whose relative target climbs out of the extraction directory. */
  private void checkSymlink(String lexical, String target) {
    String resolved = ContainerPath.join(lexical.substring(0, lexical.lastIndexOf('/') + 1), target);
    if (!isUnderDest(resolved)) {
      throw new InvalidArgument("invalid symlink " + ContainerPath.quote(lexical) + " -> " + ContainerPath.quote(target));
    }
  }

  /** A hard link's target is named from the extraction directory, must stay in it and exist. */
  private Path hardLinkTarget(String target) throws IOException {
    String resolved = ContainerPath.join(destName, target);
    if (!isUnderDest(resolved) || resolved.equals(destName)) {
      throw new InvalidArgument("invalid hardlink " + ContainerPath.quote(resolved) + " -> " + ContainerPath.quote(target));
    }
    Path dir = RootedPath.resolve(root, resolved.substring(0, resolved.lastIndexOf('/') + 1));
    Path linked = dir.resolve(resolved.substring(resolved.lastIndexOf('/') + 1));
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Files.exists(linked, LinkOption.NOFOLLOW_LINKS)
        || Files.isDirectory(linked, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidArgument("invalid hardlink " + ContainerPath.quote(resolved) + " -> "
          + ContainerPath.quote(target) + ": no such file");
    }
    return linked;
  }

  private boolean isUnderDest(String containerPath) {
    return destName.equals("/") || containerPath.equals(destName) || containerPath.startsWith(destName + "/");
  }

  private void applyMetadata(Path path, TarArchiveEntry entry, Kind kind) throws IOException {
    Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
    applyXattrs(path, entry);
    // A hard link's mode and times are its target's; a link has none of its own. Mode after
    // the owner, which clears setuid and setgid.
    if (kind != Kind.HARDLINK && kind != Kind.SYMLINK) {
      Files.setAttribute(path, "unix:mode", entry.getMode() & 07777, LinkOption.NOFOLLOW_LINKS);
    }
    if (kind != Kind.HARDLINK) {
      setTimes(path, entry);
    }
  }

  private static void applyXattrs(Path path, TarArchiveEntry entry) throws IOException {
    for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
      String value = header.getValue();
      // Commons Compress decodes PAX values as UTF-8: a binary value it could not decode cannot
      // be written back as it was, so it is left out rather than written wrong
      if (!header.getKey().startsWith(XATTR_PREFIX) || value.indexOf('\uFFFD') >= 0) {
        continue;
      }
      try {
        FileSystemCalls.setXattr(path, header.getKey().substring(XATTR_PREFIX.length()),
            value.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        if (!String.valueOf(e.getMessage()).endsWith("Operation not permitted")) {
          throw e; // Docker ignores EPERM only (a user namespace, or user.* on a link)
        }
      }
    }
  }

  private static void setTimes(Path path, TarArchiveEntry entry) throws IOException {
    FileTime mtime = FileTime.from(entry.getLastModifiedTime().toInstant());
    FileTime atime = entry.getLastAccessTime();
    if (atime == null || atime.compareTo(mtime) < 0) {
      atime = mtime; // Docker: the last access is never before the last change
    }
    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(mtime, atime, null);
  }

  /** False when a later entry put a link where a parent of {@code dir} was. */
  private boolean stillInside(Path dir) {
    Path current = root;
    for (Path part : root.relativize(dir)) {
      current = current.resolve(part);
      if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
    }
    return true;
  }

  /** Unlinks what is at {@code path}, a whole tree for a directory; never follows a link. */
  private static void removeTree(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> tree = Files.walk(path)) {
        for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    } else {
      Files.delete(path);
    }
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
  }

  /** What an entry makes, told by its type flag (Commons Compress's isFile() is true of links too). */
  enum Kind {
    DIRECTORY, FILE, SYMLINK, HARDLINK, FIFO, DEVICE, OTHER;

    static Kind of(TarArchiveEntry entry) {
      if (entry.isDirectory()) {
        return DIRECTORY;
      }
      return switch (entry.getLinkFlag()) {
        case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_GNUTYPE_SPARSE -> FILE;
        case TarConstants.LF_SYMLINK -> SYMLINK;
        case TarConstants.LF_LINK -> HARDLINK;
        case TarConstants.LF_FIFO -> FIFO;
        case TarConstants.LF_CHR, TarConstants.LF_BLK -> DEVICE;
        default -> OTHER;
      };
    }
  }

}
