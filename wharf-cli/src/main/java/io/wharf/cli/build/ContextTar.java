package io.wharf.cli.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A context directory as the tar the docker CLI sends ({@code archive.TarWithOptions} with the
 * ignore rules and owner 0:0): names relative to the directory, walked in lexical order,
 * directories before their contents; directories, files, symbolic links (never followed),
 * FIFOs and devices with their permission bits and mtime (whole seconds); a file's further
 * hard links as links to its first name; sockets left out. Excluded paths are left out, and an
 * excluded directory is entered only for the exceptions below it (without an entry of its own).
 * Immutable; each {@link #writeTo} walks the directory afresh.
 */
public final class ContextTar {
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final String ATTRIBUTES = "unix:mode,ino,nlink,rdev,size,lastModifiedTime";

  /**
   * A Dockerfile from outside the context or from stdin, added under a random name
   * ({@code .dockerfile.} and 20 hex digits) that is also appended to {@code .dockerignore}.
   */
  public record ExtraDockerfile(String name, byte[] content) {
    public static ExtraDockerfile withRandomName(byte[] content) {
      byte[] random = new byte[10];
      new SecureRandom().nextBytes(random);
      return new ExtraDockerfile(".dockerfile." + HexFormat.of().formatHex(random), content);
    }
  }

  private interface Visitor {
    void visit(Path path, String rel, Map<String, Object> attributes) throws IOException;
  }

  private final Path root;
  private final IgnoreRules rules;

  public ContextTar(Path root, IgnoreRules rules) {
    this.root = root;
    this.rules = rules;
  }

  /**
   * docker's {@code ValidateContextDirectory}: every directory that will be sent can be listed
   * and every file opened, before anything is sent.
   */
  public void validate() throws ContextException {
    Path[] current = {root};
    try {
      walk(root, "", (path, rel, attributes) -> {
        current[0] = path;
        if (type(attributes) == S_IFREG) {
          try {
            Files.newByteChannel(path).close();
          } catch (AccessDeniedException e) {
            throw new Wrapped(new ContextException("error checking context: no permission to read from '" + path + "'"));
          }
        }
      });
    } catch (Wrapped e) {
      throw e.cause;
    } catch (AccessDeniedException e) {
      throw new ContextException("error checking context: can't stat '" + e.getFile() + "'");
    } catch (NoSuchFileException e) {
      throw new ContextException("error checking context: file ('" + e.getFile() + "') not found or excluded by .dockerignore");
    } catch (IOException e) {
      throw new ContextException("error checking context: " + current[0] + ": " + Contexts.reason(e));
    }
  }

  /** Writes the tar to {@code out} (and closes the tar, not {@code out}); {@code extra} may be null. */
  public void writeTo(OutputStream out, ExtraDockerfile extra) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    Map<Long, String> firstNames = new HashMap<>();
    boolean[] patched = {false};
    walk(root, "", (path, rel, attributes) -> {
      if (extra != null && rel.equals(".dockerignore") && type(attributes) == S_IFREG) {
        byte[] patch = ("\n" + extra.name() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] original = Files.readAllBytes(path);
        byte[] content = java.util.Arrays.copyOf(original, original.length + patch.length);
        System.arraycopy(patch, 0, content, original.length, patch.length);
        add(tar, entry(rel, attributes, path), content);
        patched[0] = true;
      } else {
        write(tar, path, rel, attributes, firstNames);
      }
    });
    if (extra != null) {
      FileTime now = FileTime.from(System.currentTimeMillis() / 1000, TimeUnit.SECONDS);
      add(tar, regular(extra.name(), now), extra.content());
      if (!patched[0]) {
        add(tar, regular(".dockerignore", now), (".dockerignore\n" + extra.name() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    tar.finish();
  }

  private void walk(Path dir, String relDir, Visitor visitor) throws IOException {
    List<Path> children;
    try (Stream<Path> listing = Files.list(dir)) {
      children = listing.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
    }
    for (Path child : children) {
      String rel = relDir.isEmpty() ? child.getFileName().toString() : relDir + "/" + child.getFileName();
      Map<String, Object> attributes;
      try {
        attributes = Files.readAttributes(child, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        continue; // gone since the listing
      }
      boolean directory = type(attributes) == S_IFDIR;
      if (rules.excludes(rel)) {
        if (directory && rules.entersExcluded(rel)) {
          walk(child, rel, visitor);
        }
        continue;
      }
      visitor.visit(child, rel, attributes);
      if (directory) {
        walk(child, rel, visitor);
      }
    }
  }

  private static void write(TarArchiveOutputStream tar, Path path, String rel, Map<String, Object> attributes,
      Map<Long, String> firstNames) throws IOException {
    TarArchiveEntry entry = entry(rel, attributes, path);
    if (entry == null) {
      return;
    }
    int type = type(attributes);
    if (type != S_IFDIR && ((Number) attributes.get("nlink")).intValue() > 1) {
      long inode = ((Number) attributes.get("ino")).longValue();
      String first = firstNames.putIfAbsent(inode, rel);
      if (first != null) {
        TarArchiveEntry link = new TarArchiveEntry(rel, TarConstants.LF_LINK);
        link.setLinkName(first);
        copyOwnerAndTimes(entry, link);
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
        return;
      }
    }
    tar.putArchiveEntry(entry);
    if (type == S_IFREG) {
      try (InputStream content = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
        long copied = copy(content, tar, entry.getSize());
        for (; copied < entry.getSize(); copied++) {
          tar.write(0); // the file shrank while being sent: keep the tar whole
        }
      }
    }
    tar.closeArchiveEntry();
  }

  /** The entry of one walked path, or null for what a tar cannot hold (a socket). */
  private static TarArchiveEntry entry(String rel, Map<String, Object> attributes, Path path) throws IOException {
    int type = type(attributes);
    TarArchiveEntry entry;
    switch (type) {
      case S_IFDIR -> entry = new TarArchiveEntry(rel + "/", TarConstants.LF_DIR);
      case S_IFREG -> {
        entry = new TarArchiveEntry(rel, TarConstants.LF_NORMAL);
        entry.setSize(((Number) attributes.get("size")).longValue());
      }
      case S_IFLNK -> {
        entry = new TarArchiveEntry(rel, TarConstants.LF_SYMLINK);
        entry.setLinkName(Files.readSymbolicLink(path).toString());
      }
      case S_IFIFO -> entry = new TarArchiveEntry(rel, TarConstants.LF_FIFO);
      case S_IFCHR, S_IFBLK -> {
        entry = new TarArchiveEntry(rel, type == S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK);
        long rdev = ((Number) attributes.get("rdev")).longValue();
        entry.setDevMajor((int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)));
        entry.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
      }
      default -> {
        return null;
      }
    }
    entry.setMode(((Number) attributes.get("mode")).intValue() & 07777);
    FileTime mtime = (FileTime) attributes.get("lastModifiedTime");
    entry.setLastModifiedTime(FileTime.from(mtime.to(TimeUnit.SECONDS), TimeUnit.SECONDS));
    entry.setUserName("");
    entry.setGroupName("");
    return entry;
  }

  private static TarArchiveEntry regular(String name, FileTime mtime) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
    entry.setMode(0600);
    entry.setLastModifiedTime(mtime);
    entry.setUserName("");
    entry.setGroupName("");
    return entry;
  }

  private static void add(TarArchiveOutputStream tar, TarArchiveEntry entry, byte[] content) throws IOException {
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static void copyOwnerAndTimes(TarArchiveEntry from, TarArchiveEntry to) {
    to.setMode(from.getMode());
    to.setLastModifiedTime(from.getLastModifiedTime());
    to.setUserName("");
    to.setGroupName("");
  }

  /** Copies at most {@code limit} bytes: a file that grew while being sent is cut at its listed size. */
  private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long copied = 0;
    int n;
    while (copied < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied))) > 0) {
      out.write(buffer, 0, n);
      copied += n;
    }
    return copied;
  }

  private static int type(Map<String, Object> attributes) {
    return ((Number) attributes.get("mode")).intValue() & S_IFMT;
  }

  /** A ContextException carried through the walker's IOException-only signature. */
  private static final class Wrapped extends IOException {
    final ContextException cause;

    Wrapped(ContextException cause) {
      super(cause.getMessage());
      this.cause = cause;
    }
  }
}
