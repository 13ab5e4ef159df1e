package io.wharf.engine.archive;

import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.sys.FileSystemCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks one uncompressed layer tar into a snapshot directory, safely: every entry lands
 * inside the directory whatever its name or the links before it ({@link RootedPath}); device
 * files are refused; owners, modes (setuid included), times and extended attributes are kept;
 * OCI whiteouts become overlayfs whiteouts ({@code .wh.x} → character device 0:0 {@code x},
 * {@code .wh..wh..opq} → {@code trusted.overlay.opaque=y}). Stateless; thread-safe.
 */
public final class LayerExtractor {
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";
  private static final String XATTR_PREFIX = "SCHILY.xattr.";

  private LayerExtractor() {}

  /**
   * Extracts {@code tar} into the existing directory {@code target}, reading the stream to
   * its end so that the diff ID covers every byte. A hostile or broken archive throws
   * {@link InvalidArgument}; the caller discards {@code target}.
   */
  public static LayerStats extract(InputStream tar, Path target) throws IOException {
    MessageDigest sha256 = Digest.sha256();
    long size = extractUndigested(new DigestInputStream(tar, sha256), target);
    return new LayerStats(Digest.fromHash(sha256.digest()), size);
  }

  /**
   * {@link #extract} for a caller that digests {@code tar} itself, as it stores the same bytes
   * ({@code docker load}): the layer is digested once, not twice. Returns the sum of the sizes
   * of its regular files.
   */
  public static long extractUndigested(InputStream tar, Path target) throws IOException {
    CountedTar counting = new CountedTar(tar);
    long size = 0;
    List<Path> directories = new ArrayList<>();
    List<TarArchiveEntry> directoryEntries = new ArrayList<>();
    try {
      TarArchiveInputStream entries = new TarArchiveInputStream(counting, StandardCharsets.UTF_8.name());
      TarArchiveEntry entry;
      while ((entry = entries.getNextEntry()) != null) {
        String name = RootedPath.clean(entry.getName());
        if (name.isEmpty()) {
          continue;
        }
        int slash = name.lastIndexOf('/');
        String base = name.substring(slash + 1);
        Path parent = RootedPath.directory(target, slash < 0 ? "" : name.substring(0, slash));
        if (base.equals(OPAQUE)) {
          FileSystemCalls.setXattr(parent, "trusted.overlay.opaque", new byte[] {'y'});
          continue;
        }
        if (base.startsWith(WHITEOUT)) {
          Path gone = parent.resolve(base.substring(WHITEOUT.length()));
          removeExisting(gone);
          FileSystemCalls.mknodChar(gone, 0, 0, 0);
          continue;
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
          // Commons Compress counts these as files too: refuse them first
          throw new InvalidArgument("invalid tar entry \"" + entry.getName() + "\": device files are not allowed in layers");
        }
        Path path = parent.resolve(base);
        if (entry.isDirectory()) {
          if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            removeExisting(path);
            Files.createDirectory(path);
          }
          directories.add(path);
          directoryEntries.add(entry);
          applyOwnerAndMode(path, entry);
          applyXattrs(path, entry);
          continue;
        }
        removeExisting(path);
        if (entry.isSymbolicLink()) {
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createLink(path, hardLinkTarget(target, entry));
        } else if (entry.isFile()) {
          try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            entries.transferTo(out);
          }
          size += entry.getSize();
        } else {
          throw new InvalidArgument("invalid tar entry \"" + entry.getName() + "\": unsupported entry type");
        }
        applyOwnerAndMode(path, entry);
        applyXattrs(path, entry);
        setTimes(path, entry);
      }
      counting.transferTo(OutputStream.nullOutputStream());
      counting.requireWholeBlocks();
    } catch (InvalidArgument e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      if (e instanceof java.nio.file.FileSystemException) {
        throw (IOException) e;
      }
      throw new InvalidArgument("invalid tar archive: " + e.getMessage(), e);
    }
    // Directory times last: writing their children changed them. A later entry may have put a
    // link where a parent was: a path that no longer leads to where it did is skipped, so no
    // time is ever set outside the target.
    Path realTarget = target.toRealPath();
    for (int i = directories.size() - 1; i >= 0; i--) {
      Path dir = directories.get(i);
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
          && dir.toRealPath().equals(realTarget.resolve(target.relativize(dir)))) {
        setTimes(dir, directoryEntries.get(i));
      }
    }
    return size;
  }

  private static Path hardLinkTarget(Path root, TarArchiveEntry entry) throws IOException {
    String name = RootedPath.clean(entry.getLinkName());
    int slash = name.lastIndexOf('/');
    Path dir = RootedPath.directory(root, slash < 0 ? "" : name.substring(0, slash));
    Path linked = dir.resolve(name.substring(slash + 1));
    if (name.isEmpty() || !Files.exists(linked, LinkOption.NOFOLLOW_LINKS)
        || Files.isDirectory(linked, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidArgument("invalid tar entry \"" + entry.getName() + "\": hard link to missing file \""
          + entry.getLinkName() + "\"");
    }
    return linked;
  }

  /** Unlinks what is at {@code path}, a whole tree for a directory; never follows a link. */
  private static void removeExisting(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> tree = Files.walk(path)) {
        for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    } else {
      Files.delete(path);
    }
  }

  private static void applyOwnerAndMode(Path path, TarArchiveEntry entry) throws IOException {
    Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
    if (!entry.isSymbolicLink()) {
      // after chown, which clears setuid and setgid
      Files.setAttribute(path, "unix:mode", entry.getMode() & 07777, LinkOption.NOFOLLOW_LINKS);
    }
  }

  private static void applyXattrs(Path path, TarArchiveEntry entry) throws IOException {
    for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
      if (header.getKey().startsWith(XATTR_PREFIX)) {
        FileSystemCalls.setXattr(path, header.getKey().substring(XATTR_PREFIX.length()),
            header.getValue().getBytes(StandardCharsets.ISO_8859_1));
      }
    }
  }

  private static void setTimes(Path path, TarArchiveEntry entry) throws IOException {
    FileTime mtime = FileTime.from(entry.getLastModifiedTime().toInstant());
    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(mtime, mtime, null);
  }
}
