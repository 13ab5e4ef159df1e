package io.wharf.engine.archive;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A path in a container as {@code docker cp} names it, normalised as moby does: made absolute
 * and cleaned lexically (Go's {@code filepath.Clean}: {@code ..} is taken away before any link
 * is looked at), a trailing {@code /} or {@code /.} kept ({@code PreserveTrailingDotOrSeparator}),
 * for they mean "a directory" and "the directory's contents". Immutable.
 *
 * @param absolute the normalised path, e.g. {@code /etc}, {@code /etc/}, {@code /etc/.}, {@code /}
 */
record ContainerPath(String absolute) {

  static ContainerPath of(String path) {
    String cleaned = clean("/" + path);
    if (!base(cleaned).equals(".") && base(path).equals(".")) {
      cleaned += cleaned.endsWith("/") ? "." : "/.";
    }
    if (!cleaned.endsWith("/") && path.endsWith("/")) {
      cleaned += "/";
    }
    return new ContainerPath(cleaned);
  }

  /** Everything up to the last {@code /}, that included (Go's {@code filepath.Split}). */
  String directory() {
    return absolute.substring(0, absolute.lastIndexOf('/') + 1);
  }

  /** What follows the last {@code /}: empty for {@code /etc/}, {@code .} for {@code /etc/.}. */
  String last() {
    return absolute.substring(absolute.lastIndexOf('/') + 1);
  }

  /** Go's {@code filepath.Base}: {@code etc} for {@code /etc/}, {@code .} for {@code /etc/.}, {@code /} for {@code /}. */
  String name() {
    return base(absolute);
  }

  static String base(String path) {
    String trimmed = path;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.isEmpty()) {
      return path.isEmpty() ? "." : "/";
    }
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** Go's {@code filepath.Clean}: a rooted path drops {@code ..} at the root, a relative one keeps it. */
  static String clean(String path) {
    boolean rooted = path.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast(part);
        }
      } else {
        parts.addLast(part);
      }
    }
    String joined = String.join("/", parts);
    return rooted ? "/" + joined : joined.isEmpty() ? "." : joined;
  }

  /** {@code dir} and {@code name} joined and cleaned, as Go's {@code filepath.Join}. */
  static String join(String dir, String name) {
    return clean(dir + "/" + name);
  }

  /** Go's {@code %q} for the plain strings paths are. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
