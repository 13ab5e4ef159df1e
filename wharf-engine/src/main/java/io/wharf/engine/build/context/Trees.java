package io.wharf.engine.build.context;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Walking and removing file trees without ever following a symbolic link. Stateless. */
final class Trees {
  private Trees() {}

  /** The entries of {@code dir}, sorted by name. */
  static List<Path> children(Path dir) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    children.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return children;
  }

  /** Sets the modification and access times of {@code path} itself, a link included. */
  static void setTimes(Path path, FileTime mtime) throws IOException {
    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(mtime, mtime, null);
  }

  /** Sets owner, then mode (a chown clears setuid and setgid); a link gets no mode. */
  static void setOwnerAndMode(Path path, int uid, int gid, Integer mode) throws IOException {
    Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    if (mode != null && !Files.isSymbolicLink(path)) {
      Files.setAttribute(path, "unix:mode", mode & 07777, LinkOption.NOFOLLOW_LINKS);
    }
  }
}
