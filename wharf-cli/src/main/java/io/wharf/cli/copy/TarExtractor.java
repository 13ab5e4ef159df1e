package io.wharf.cli.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a container's tar into a local directory as moby's {@code archive.Untar} does for
 * {@code docker cp} (no chown, an existing directory never replaced by a non-directory nor the
 * reverse, other existing entries replaced, directory times set last), renaming the top entry
 * as the {@link CopyPlan} says, and never writing outside the destination: names that climb
 * out with {@code ..}, links whose targets leave it, and entries that would be written through
 * a link leading out of it are refused ({@code "../x" is outside of "/dest"}). Links inside
 * the destination are followed only as far as they stay in it. FIFOs and devices, which an
 * unprivileged process cannot make, are skipped. Not thread-safe: one extraction.
 */
public final class TarExtractor {
  private static final int MAX_LINKS = 255;

  private final Path root;
  private final String display;
  private final String oldBase;
  private final String newBase;
  private final List<Object[]> directoryTimes = new ArrayList<>();

  /**
   * @param directory where to extract, which exists
   * @param oldBase the base name the tar's entries start with
   * @param newBase what {@code oldBase} becomes, or null to keep the names; when set, every
   *     entry must land in {@code newBase}
   */
  public TarExtractor(String directory, String oldBase, String newBase) throws IOException {
    this.root = Path.of(directory).toRealPath();
    this.display = UnixPaths.clean(directory);
    this.oldBase = oldBase;
    this.newBase = newBase;
  }

  /** Extracts every entry of {@code tar}, then reads it to its end (the copied size counts all of it). */
  public void extract(InputStream tar) throws IOException {
    TarArchiveInputStream entries = new TarArchiveInputStream(tar, 512);
    TarArchiveEntry entry;
    while ((entry = entries.getNextEntry()) != null) {
      extract(entry, entries);
    }
    tar.transferTo(OutputStream.nullOutputStream());
    for (Object[] time : directoryTimes) {
      setTimes((Path) time[0], (FileTime) time[1]);
    }
  }

  private void extract(TarArchiveEntry entry, InputStream content) throws IOException {
    if (entry.isGlobalPaxHeader() || entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
      return;
    }
    String name = relative(rename(entry.getName()));
    if (name.equals("..") || name.startsWith("../")
        || newBase != null && !name.equals(newBase) && !name.startsWith(newBase + "/") && !newBase.equals(".")) {
      throw outside(entry.getName());
    }
    Path path = name.equals(".") ? root : inside(name, entry.getName());
    BasicFileAttributes existing = attributes(path);
    if (existing != null) {
      if (existing.isDirectory() && !entry.isDirectory()) {
        throw new CopyFailure("cannot overwrite directory \"" + path + "\" with non-directory \"" + display + "\"");
      }
      if (!existing.isDirectory() && entry.isDirectory()) {
        throw new CopyFailure("cannot overwrite non-directory \"" + path + "\" with directory \"" + display + "\"");
      }
      if (existing.isDirectory() && name.equals(".")) {
        return;
      }
      if (!existing.isDirectory()) {
        Files.delete(path);
      }
    }
    FileTime mtime = entry.getLastModifiedTime();
    if (entry.isDirectory()) {
      if (existing == null) {
        Files.createDirectory(path);
      }
      chmod(path, entry.getMode());
      directoryTimes.add(new Object[] {path, mtime});
    } else if (entry.isSymbolicLink()) {
      String target = entry.getLinkName();
      // moby's check: a relative target must resolve inside; an absolute one is data, and
      // nothing is ever written through a link that leads out (see inside)
      if (!UnixPaths.isAbsolute(target) && !contains(path.getParent().resolve(target).normalize())) {
        throw new CopyFailure("invalid symlink \"" + path + "\" -> \"" + target + "\"");
      }
      Files.createSymbolicLink(path, Path.of(target));
      try {
        setTimes(path, mtime);
      } catch (IOException | UnsupportedOperationException e) {
        // a link's own times cannot be set everywhere; moby ignores that too
      }
    } else if (entry.isLink()) {
      String linkName = relative(rename(entry.getLinkName()));
      if (linkName.equals("..") || linkName.startsWith("../")) {
        throw new CopyFailure("invalid hardlink \"" + UnixPaths.join(display, entry.getLinkName()) + "\" -> \""
            + entry.getLinkName() + "\"");
      }
      Files.createLink(path, inside(linkName, entry.getLinkName()));
    } else if (entry.isFile()) {
      try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS)) {
        content.transferTo(out);
      }
      chmod(path, entry.getMode());
      setTimes(path, mtime);
    }
  }

  /** The entry's name after renaming the top entry, as moby's {@code RebaseArchiveEntries}. */
  private String rename(String name) {
    if (newBase == null) {
      return name;
    }
    if (oldBase.equals("/")) {
      String rest = name.replaceFirst("^(\\./|/)+", "");
      return rest.isEmpty() || rest.equals(".") ? newBase : newBase + "/" + rest;
    }
    if (name.equals(oldBase) || name.startsWith(oldBase + "/")) {
      return newBase + name.substring(oldBase.length());
    }
    return name;
  }

  /** Cleaned and relative to the destination, as moby joins an entry's name to it. */
  private static String relative(String name) {
    String cleaned = UnixPaths.clean(name);
    return cleaned.startsWith("/") ? UnixPaths.clean(cleaned.substring(1)) : cleaned;
  }

  /**
   * Where {@code name} (cleaned, relative, not climbing out) is written: its parent
   * directories made where missing, and any link among them followed only while it stays in
   * the destination. The last element is not followed.
   */
  private Path inside(String name, String entryName) throws IOException {
    Deque<String> pending = new ArrayDeque<>(List.of(name.split("/")));
    String last = pending.removeLast();
    Path current = root;
    int links = 0;
    while (!pending.isEmpty()) {
      Path next = current.resolve(pending.removeFirst());
      BasicFileAttributes attributes = attributes(next);
      if (attributes == null) {
        Files.createDirectory(next);
      } else if (attributes.isSymbolicLink()) {
        if (++links > MAX_LINKS) {
          throw new CopyFailure("too many links in \"" + entryName + "\"");
        }
        Path resolved = current.resolve(Files.readSymbolicLink(next)).normalize();
        if (!contains(resolved)) {
          throw outside(entryName);
        }
        List<String> rest = new ArrayList<>();
        root.relativize(resolved).forEach(part -> rest.add(part.toString()));
        rest.removeIf(String::isEmpty);
        rest.reversed().forEach(pending::addFirst);
        next = root;
      } else if (!attributes.isDirectory()) {
        throw new CopyFailure("mkdir " + next + ": not a directory");
      }
      current = next;
    }
    return current.resolve(last);
  }

  private boolean contains(Path path) {
    return path.startsWith(root);
  }

  private CopyFailure outside(String entryName) {
    return new CopyFailure("\"" + UnixPaths.clean(entryName) + "\" is outside of \"" + display + "\"");
  }

  private static BasicFileAttributes attributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  private static void chmod(Path path, int mode) throws IOException {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE, high bit first
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (bits.length - 1 - i))) != 0) {
        permissions.add(bits[i]);
      }
    }
    Files.setPosixFilePermissions(path, permissions);
  }

  private static void setTimes(Path path, FileTime mtime) throws IOException {
    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(mtime, mtime, null);
  }
}
