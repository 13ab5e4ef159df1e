package io.wharf.engine.build.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Docker's {@code FollowSymlinkInScope} for reading and for naming a destination: the real path
 * a relative name has inside a root, every symbolic link followed (the last element's too) as if
 * the root were {@code /}, {@code ..} stopping at the root, nothing created. Unlike
 * {@link io.wharf.engine.archive.RootedPath#directory}, a missing element is not an error: the
 * rest of the name is appended as it is, so the result may not exist. Stateless.
 */
final class ScopedPath {
  private static final int MAX_LINKS = 255; // moby/sys/symlink's limit

  private ScopedPath() {}

  /**
   * {@code path} as a relative name inside a root: {@code /}, empty and {@code .} elements
   * dropped, {@code ..} resolved and never above the root; the root itself is {@code ""}.
   */
  static String clean(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** Whether {@code path}, read lexically from a root, climbs above it. */
  static boolean escapes(String path) {
    int depth = 0;
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
    }
    return false;
  }

  /** The path {@code relative} names inside {@code root}, symbolic links followed inside the root. */
  static Path resolve(Path root, String relative) throws IOException {
    return io.wharf.engine.archive.RootedPath.resolve(root, relative, MAX_LINKS);
  }

  /** Whether {@code path} is an existing directory, not a link to one. */
  static boolean isDirectory(Path path) {
    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
  }

  /** {@code path} inside {@code root} as an absolute name in the root's terms, for messages. */
  static String display(Path root, Path path) {
    return "/" + root.relativize(path);
  }
}
