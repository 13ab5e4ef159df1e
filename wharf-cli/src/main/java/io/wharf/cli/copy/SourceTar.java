package io.wharf.cli.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A local source of {@code wharf cp} and its tar, as moby's {@code CopyInfoSourcePath} and
 * {@code TarResource} make them: links before the last element resolved (the last too with
 * {@code -L}), then the resource walked in lexical order, directories before their contents,
 * links never followed, a file's further hard links as links to its first name, owners and
 * permission bits and whole-second mtimes kept, sockets left out. Every entry is named under
 * one top name. The tar ends as Go's does (two zero blocks, no padding to a record), so its
 * size is the size docker reports. Stateless.
 */
public final class SourceTar {
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final String ATTRIBUTES = "unix:mode,ino,dev,nlink,rdev,size,uid,gid,lastModifiedTime";

  private SourceTar() {}

  /** docker's {@code resolveLocalPath}: absolute and cleaned, with the trailing {@code /} or {@code /.} kept. */
  public static String absolute(String path) {
    String cwd = Path.of("").toAbsolutePath().toString();
    String abs = UnixPaths.isAbsolute(path) ? UnixPaths.clean(path) : UnixPaths.join(cwd, path);
    return UnixPaths.preserveTrailingDotOrSeparator(abs, path);
  }

  /** moby's {@code CopyInfoSourcePath} for an absolute {@code path}. */
  public static CopyInfo info(String path, boolean followLink) {
    String resolved;
    String rebaseName = "";
    if (followLink) {
      String[] rebased = UnixPaths.rebaseName(path, realPath(path));
      resolved = rebased[0];
      rebaseName = rebased[1];
    } else {
      int slash = path.lastIndexOf('/');
      String dir = realPath(path.substring(0, slash + 1));
      resolved = (dir.endsWith("/") ? dir : dir + "/") + path.substring(slash + 1);
      if (UnixPaths.hasTrailingSeparator(path) && !UnixPaths.base(path).equals(UnixPaths.base(resolved))) {
        rebaseName = UnixPaths.base(path);
      }
    }
    try {
      Map<String, Object> attributes = Files.readAttributes(Path.of(resolved), "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return new CopyInfo(resolved, true, type(attributes) == S_IFDIR, rebaseName);
    } catch (IOException e) {
      throw CopyFailure.of("lstat", resolved, e);
    }
  }

  /** Go's {@code EvalSymlinks}: every link resolved; a missing element named as lstat names it. */
  private static String realPath(String path) {
    try {
      return Path.of(path).toRealPath().toString();
    } catch (IOException e) {
      Path missing = Path.of(UnixPaths.clean(path));
      while (missing.getParent() != null && !Files.exists(missing.getParent(), LinkOption.NOFOLLOW_LINKS)) {
        missing = missing.getParent();
      }
      throw CopyFailure.of("lstat", missing.toString(), e);
    }
  }

  /** Writes the tar of {@code source}, its top entry named {@code topName}, and closes the tar (not {@code out}). */
  public static void write(CopyInfo source, String topName, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 512);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    Map<String, String> firstNames = new HashMap<>();
    Path root = Path.of(source.path());
    Map<String, Object> attributes = Files.readAttributes(root, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    add(tar, root, topName, attributes, firstNames);
    if (type(attributes) == S_IFDIR) {
      walk(tar, root, topName, firstNames);
    }
    tar.finish();
  }

  private static void walk(TarArchiveOutputStream tar, Path dir, String name, Map<String, String> firstNames)
      throws IOException {
    List<Path> children;
    try (Stream<Path> listing = Files.list(dir)) {
      children = listing.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
    }
    for (Path child : children) {
      String childName = name + "/" + child.getFileName();
      Map<String, Object> attributes;
      try {
        attributes = Files.readAttributes(child, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        continue; // gone since the listing
      }
      add(tar, child, childName, attributes, firstNames);
      if (type(attributes) == S_IFDIR) {
        walk(tar, child, childName, firstNames);
      }
    }
  }

  private static void add(TarArchiveOutputStream tar, Path path, String name, Map<String, Object> attributes,
      Map<String, String> firstNames) throws IOException {
    int type = type(attributes);
    TarArchiveEntry entry = switch (type) {
      case S_IFDIR -> new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
      case S_IFREG -> new TarArchiveEntry(name, TarConstants.LF_NORMAL);
      case S_IFLNK -> new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
      case S_IFIFO -> new TarArchiveEntry(name, TarConstants.LF_FIFO);
      case S_IFCHR -> new TarArchiveEntry(name, TarConstants.LF_CHR);
      case S_IFBLK -> new TarArchiveEntry(name, TarConstants.LF_BLK);
      default -> null; // a socket: moby logs it and goes on
    };
    if (entry == null) {
      return;
    }
    entry.setMode(((Number) attributes.get("mode")).intValue() & 07777);
    entry.setUserId(((Number) attributes.get("uid")).longValue());
    entry.setGroupId(((Number) attributes.get("gid")).longValue());
    entry.setUserName("");
    entry.setGroupName("");
    FileTime mtime = (FileTime) attributes.get("lastModifiedTime");
    entry.setLastModifiedTime(FileTime.from(mtime.to(TimeUnit.SECONDS), TimeUnit.SECONDS));
    if (type == S_IFLNK) {
      entry.setLinkName(Files.readSymbolicLink(path).toString());
    } else if (type == S_IFCHR || type == S_IFBLK) {
      long rdev = ((Number) attributes.get("rdev")).longValue();
      entry.setDevMajor((int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)));
      entry.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
    } else if (type == S_IFREG) {
      if (((Number) attributes.get("nlink")).intValue() > 1) {
        String inode = attributes.get("dev") + ":" + attributes.get("ino");
        String first = firstNames.putIfAbsent(inode, name);
        if (first != null) {
          TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_LINK);
          link.setLinkName(first);
          link.setMode(entry.getMode());
          link.setUserId(entry.getLongUserId());
          link.setGroupId(entry.getLongGroupId());
          link.setUserName("");
          link.setGroupName("");
          link.setLastModifiedTime(entry.getLastModifiedTime());
          tar.putArchiveEntry(link);
          tar.closeArchiveEntry();
          return;
        }
      }
      entry.setSize(((Number) attributes.get("size")).longValue());
    }
    tar.putArchiveEntry(entry);
    if (type == S_IFREG) {
      try (InputStream content = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
        long copied = content.transferTo(new Limited(tar, entry.getSize()));
        for (; copied < entry.getSize(); copied++) {
          tar.write(0); // the file shrank while being sent: keep the tar whole
        }
      }
    }
    tar.closeArchiveEntry();
  }

  private static int type(Map<String, Object> attributes) {
    return ((Number) attributes.get("mode")).intValue() & S_IFMT;
  }

  /** At most {@code limit} bytes through to the tar: a file that grew while being sent is cut at its listed size. */
  private static final class Limited extends OutputStream {
    private final OutputStream out;
    private long left;

    Limited(OutputStream out, long limit) {
      this.out = out;
      this.left = limit;
    }

    @Override
    public void write(int b) throws IOException {
      if (left > 0) {
        out.write(b);
        left--;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      int n = (int) Math.min(len, left);
      if (n > 0) {
        out.write(b, off, n);
        left -= n;
      }
    }
  }
}
