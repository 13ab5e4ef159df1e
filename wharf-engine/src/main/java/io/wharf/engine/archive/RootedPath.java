package io.wharf.engine.archive;

import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolution of untrusted paths inside a root directory, as {@code openat2(RESOLVE_IN_ROOT)}
 * does: {@code ..} stops at the root and symbolic links are followed as if the root were
 * {@code /}, so no path, however crafted, names anything outside the root. Stateless.
 */
public final class RootedPath {
  private static final int MAX_LINKS = 40;

  private RootedPath() {}

  /**
   * The normalised relative form of an archive entry name: leading {@code /} and {@code ./}
   * dropped; a name that climbs out with {@code ..} is refused.
   */
  public static String clean(String name) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new InvalidArgument("invalid tar entry \"" + name + "\": path escapes the archive root");
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /**
   * The directory {@code relative} (already {@link #clean cleaned}) names inside {@code root},
   * following symbolic links inside the root and creating missing directories (mode 0755).
   */
  public static Path directory(Path root, String relative) throws IOException {
    return walk(root, relative, true, MAX_LINKS);
  }

  /**
   * What {@code path} (absolute or relative, {@code ..} allowed) names inside {@code root}, every
   * symbolic link followed in the root, the last one included, as moby's
   * {@code FollowSymlinkInScope}; nothing is created. The part after a missing component is
   * appended as written, so the result may not exist; it never lies outside the root.
   */
  public static Path resolve(Path root, String path) throws IOException {
    return walk(root, path, false, MAX_LINKS);
  }

  /** As {@link #resolve(Path, String)}, following at most {@code maxLinks} links (moby's scope walk allows 255). */
  public static Path resolve(Path root, String path, int maxLinks) throws IOException {
    return walk(root, path, false, maxLinks);
  }

  private static Path walk(Path root, String relative, boolean create, int maxLinks) throws IOException {
    Path current = root;
    Deque<String> todo = new ArrayDeque<>();
    for (String part : relative.split("/")) {
      if (!part.isEmpty()) {
        todo.addLast(part);
      }
    }
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.removeFirst();
      if (part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        current = current.equals(root) ? root : current.getParent();
        continue;
      }
      Path next = current.resolve(part);
      if (Files.isSymbolicLink(next)) {
        if (++links > maxLinks) {
          throw new InvalidArgument("too many levels of symbolic links: " + relative);
        }
        String target = Files.readSymbolicLink(next).toString();
        Deque<String> expanded = new ArrayDeque<>();
        for (String t : target.split("/")) {
          if (!t.isEmpty()) {
            expanded.addLast(t);
          }
        }
        while (!expanded.isEmpty()) {
          todo.addFirst(expanded.removeLast());
        }
        if (target.startsWith("/")) {
          current = root;
        }
        continue;
      }
      if (!create) {
        current = next;
        continue;
      }
      if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(next);
      } else if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
        throw new InvalidArgument("not a directory: /" + root.relativize(next));
      }
      current = next;
    }
    return current;
  }
}
