package io.wharf.engine.archive;

import io.wharf.sys.FileSystemCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A directory as a tar stream: an overlay upper directory as an OCI layer (whiteout devices
 * become {@code .wh.NAME} files, opaque directories get {@code .wh..wh..opq}), or a mounted
 * root file system as {@code docker export} writes it. Symbolic links are stored, never
 * followed; entries come in sorted order so the same tree gives the same bytes. Stateless.
 */
public final class LayerWriter {
  private static final String OPAQUE = "trusted.overlay.opaque";

  private LayerWriter() {}

  /** Writes the tree under {@code dir}; with {@code overlayUpper}, overlay's whiteouts become OCI ones. */
  public static void write(Path dir, OutputStream out, boolean overlayUpper) throws IOException {
    write(dir, out, overlayUpper, path -> false);
  }

  /** As {@link #write(Path, OutputStream, boolean)}, leaving out the paths (relative, no leading slash) {@code skip} names. */
  public static void write(Path dir, OutputStream out, boolean overlayUpper,
      java.util.function.Predicate<String> skip) throws IOException {
    // 512-byte blocks, as Go's archive/tar writes them: no padding to 10 KiB
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 512, java.nio.charset.StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    if (!Files.isDirectory(dir)) {
      tar.finish(); // a container that never ran has no changes: an empty layer
      tar.flush();
      return;
    }
    List<Path> entries;
    try (Stream<Path> tree = Files.walk(dir)) {
      entries = tree.filter(p -> !p.equals(dir) && !skip.test(dir.relativize(p).toString())).sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
          .toList();
    }
    for (Path p : entries) {
      String name = dir.relativize(p).toString();
      Map<String, Object> attrs = Files.readAttributes(p, "unix:mode,uid,gid,rdev,lastModifiedTime,size",
          LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) attrs.get("mode");
      int type = mode & 0170000;
      TarArchiveEntry entry;
      if (type == 0020000 && overlayUpper && (Long) attrs.get("rdev") == 0L) {
        Path parent = Path.of(name).getParent();
        String whiteout = (parent == null ? "" : parent + "/") + ".wh." + p.getFileName();
        entry = new TarArchiveEntry(whiteout, TarConstants.LF_NORMAL);
        entry.setSize(0);
        stamp(entry, 0, 0, 0644, (FileTime) attrs.get("lastModifiedTime"));
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        continue;
      }
      switch (type) {
        case 0040000 -> entry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
        case 0120000 -> {
          entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
          entry.setLinkName(Files.readSymbolicLink(p).toString());
        }
        case 0100000 -> {
          entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
          entry.setSize((Long) attrs.get("size"));
        }
        case 0020000, 0060000 -> {
          entry = new TarArchiveEntry(name, type == 0020000 ? TarConstants.LF_CHR : TarConstants.LF_BLK);
          long rdev = (Long) attrs.get("rdev");
          entry.setDevMajor(FileSystemCalls.major(rdev));
          entry.setDevMinor(FileSystemCalls.minor(rdev));
        }
        case 0010000 -> entry = new TarArchiveEntry(name, TarConstants.LF_FIFO);
        default -> {
          continue; // sockets have no place in an archive
        }
      }
      stamp(entry, (Integer) attrs.get("uid"), (Integer) attrs.get("gid"), mode & 07777,
          (FileTime) attrs.get("lastModifiedTime"));
      tar.putArchiveEntry(entry);
      if (type == 0100000) {
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
          in.transferTo(tar);
        }
      }
      tar.closeArchiveEntry();
      if (type == 0040000 && overlayUpper && isOpaque(p)) {
        TarArchiveEntry opaque = new TarArchiveEntry(name + "/.wh..wh..opq", TarConstants.LF_NORMAL);
        opaque.setSize(0);
        stamp(opaque, 0, 0, 0644, (FileTime) attrs.get("lastModifiedTime"));
        tar.putArchiveEntry(opaque);
        tar.closeArchiveEntry();
      }
    }
    tar.finish();
    tar.flush();
  }

  private static boolean isOpaque(Path dir) {
    try {
      byte[] value = FileSystemCalls.getXattr(dir, OPAQUE);
      return value != null && value.length == 1 && value[0] == 'y';
    } catch (IOException e) {
      return false;
    }
  }

  private static void stamp(TarArchiveEntry entry, int uid, int gid, int mode, FileTime modified) {
    entry.setIds(uid, gid);
    entry.setMode(mode | (entry.isDirectory() ? 0040000 : entry.isSymbolicLink() ? 0120000 : 0100000));
    if (entry.isCharacterDevice()) {
      entry.setMode(mode | 0020000);
    } else if (entry.isBlockDevice()) {
      entry.setMode(mode | 0060000);
    } else if (entry.isFIFO()) {
      entry.setMode(mode | 0010000);
    }
    entry.setModTime(modified);
  }
}
