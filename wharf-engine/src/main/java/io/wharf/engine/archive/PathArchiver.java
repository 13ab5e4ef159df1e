package io.wharf.engine.archive;

import io.wharf.sys.FileSystemCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * One file or directory tree as the tar {@code GET /containers/{id}/archive} sends, entry for
 * entry as moby's {@code TarWithOptions} with {@code TarResourceRebaseOpts} writes it: depth
 * first in name order, directories named with a trailing {@code /}, symbolic links stored and
 * never followed, a second name of an inode as a hard link to the first, numeric owners without
 * names, permission bits (setuid, setgid, sticky included) without the file type, times to the
 * second, PAX headers for long or non-ASCII names, {@code security.capability} kept. Sockets are
 * left out (Go's tar cannot hold them). One instance per archive; not thread-safe.
 */
final class PathArchiver {
  private static final String ATTRIBUTES = "unix:mode,uid,gid,rdev,size,nlink,lastModifiedTime,fileKey";
  private static final String CAPABILITY = "security.capability";
  private final TarArchiveOutputStream tar;
  private final Map<Object, String> seen = new HashMap<>();
  private final byte[] buffer = new byte[65536];

  private PathArchiver(OutputStream out) {
    tar = new TarArchiveOutputStream(out, 512, StandardCharsets.UTF_8.name()); // as Go writes it: no 10 KiB padding
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  /**
   * Writes {@code source} (not followed if a link) named {@code rebase}; a directory's entries
   * are {@code rebase/…}, except that {@code rebase} {@code /} gives {@code /…}, as Docker's
   * rebase of the root does. Finishes the tar; {@code out} stays open.
   */
  static void write(Path source, String rebase, OutputStream out) throws IOException {
    PathArchiver archiver = new PathArchiver(out);
    Map<String, Object> attributes = Files.readAttributes(source, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    if (isDirectory(attributes)) {
      String prefix = rebase.equals("/") ? "" : rebase;
      archiver.add(source, prefix + "/", attributes);
      archiver.walk(source, prefix);
    } else {
      archiver.add(source, rebase, attributes);
    }
    archiver.tar.finish();
    archiver.tar.flush();
  }

  private void walk(Path dir, String name) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
      listing.forEach(children::add);
    } catch (NoSuchFileException e) {
      return; // gone while we were copying: the container is running, Docker skips it too
    }
    children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    for (Path child : children) {
      String childName = name + "/" + child.getFileName();
      Map<String, Object> attributes;
      try {
        attributes = Files.readAttributes(child, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        continue;
      }
      if (isDirectory(attributes)) {
        add(child, childName + "/", attributes);
        walk(child, childName);
      } else {
        add(child, childName, attributes);
      }
    }
  }

  private void add(Path path, String name, Map<String, Object> attributes) throws IOException {
    int mode = (Integer) attributes.get("mode");
    int type = mode & 0170000;
    TarArchiveEntry entry;
    switch (type) {
      case 0040000 -> entry = new TarArchiveEntry(name, TarConstants.LF_DIR, true);
      case 0120000 -> {
        entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(Files.readSymbolicLink(path).toString());
      }
      case 0100000 -> {
        entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        entry.setSize((Long) attributes.get("size"));
        capability(path, entry);
      }
      case 0020000, 0060000 -> {
        entry = new TarArchiveEntry(name, type == 0020000 ? TarConstants.LF_CHR : TarConstants.LF_BLK, true);
        long rdev = (Long) attributes.get("rdev");
        entry.setDevMajor(FileSystemCalls.major(rdev));
        entry.setDevMinor(FileSystemCalls.minor(rdev));
      }
      case 0010000 -> entry = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
      default -> {
        return; // a socket
      }
    }
    if (type != 0040000 && (Integer) attributes.get("nlink") > 1) {
      String first = seen.putIfAbsent(attributes.get("fileKey"), name);
      if (first != null) {
        TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        link.setLinkName(first);
        entry.getExtraPaxHeaders().forEach(link::addPaxHeader);
        entry = link;
      }
    }
    entry.setIds((Integer) attributes.get("uid"), (Integer) attributes.get("gid"));
    entry.setUserName("");
    entry.setGroupName("");
    entry.setMode(mode & 07777);
    long seconds = ((FileTime) attributes.get("lastModifiedTime")).to(TimeUnit.SECONDS);
    entry.setModTime(FileTime.from(seconds, TimeUnit.SECONDS));
    tar.putArchiveEntry(entry);
    if (entry.getLinkFlag() == TarConstants.LF_NORMAL) {
      copy(path, entry.getSize());
    }
    tar.closeArchiveEntry();
  }

  /** Exactly {@code size} bytes of the file: a file that shrank or grew meanwhile keeps the tar whole. */
  private void copy(Path path, long size) throws IOException {
    long left = size;
    try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        tar.write(buffer, 0, n);
        left -= n;
      }
    } catch (NoSuchFileException e) {
      // removed since it was listed: zeros below
    }
    java.util.Arrays.fill(buffer, (byte) 0);
    while (left > 0) {
      int n = (int) Math.min(buffer.length, left);
      tar.write(buffer, 0, n);
      left -= n;
    }
  }

  /**
   * The file capability, as moby's {@code ReadSecurityXattrToTarHeader} (a v3 one written as v2:
   * its root ID means nothing outside the container). PAX values are UTF-8 here, so a value
   * with a byte above 0x7f could not travel unchanged and is left out.
   */
  private static void capability(Path path, TarArchiveEntry entry) {
    byte[] value;
    try {
      value = FileSystemCalls.getXattr(path, CAPABILITY);
    } catch (IOException e) {
      return; // a file system without extended attributes
    }
    if (value == null || value.length < 4) {
      return;
    }
    if (value[3] == 3 && value.length >= 20) {
      value = java.util.Arrays.copyOf(value, 20);
      value[3] = 2;
    }
    for (byte b : value) {
      if (b < 0) {
        return;
      }
    }
    entry.addPaxHeader("SCHILY.xattr." + CAPABILITY, new String(value, StandardCharsets.US_ASCII));
  }

  private static boolean isDirectory(Map<String, Object> attributes) {
    return ((Integer) attributes.get("mode") & 0170000) == 0040000;
  }
}
