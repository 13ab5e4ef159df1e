package io.wharf.cli.copy;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Slash-separated paths as Go's {@code path/filepath} treats them on Linux ({@code Clean},
 * {@code Dir}, {@code Base}, {@code Join}), and the rules of moby's {@code archive} package
 * built on them, where a trailing {@code /} or {@code /.} carries meaning: {@code dir/.} is
 * the directory's contents, {@code name/} asserts a directory. Used for container paths and
 * local ones alike. Stateless.
 */
public final class UnixPaths {
  private UnixPaths() {}

  /** Go's {@code Clean}: no {@code .}, no doubled or trailing {@code /}, {@code ..} resolved lexically; "" is ".". */
  public static String clean(String path) {
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
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(part);
    }
    String joined = String.join("/", parts);
    return rooted ? "/" + joined : joined.isEmpty() ? "." : joined;
  }

  /** Go's {@code Base}: the last element, trailing slashes ignored; "/" for the root, "." for "". */
  public static String base(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    String trimmed = path.replaceAll("/+$", "");
    return trimmed.isEmpty() ? "/" : trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** Go's {@code Dir}: all but the last element, cleaned. */
  public static String dir(String path) {
    return clean(path.substring(0, path.lastIndexOf('/') + 1));
  }

  /** Go's {@code Join}: the non-empty elements joined and cleaned; "" when all are empty. */
  public static String join(String... elements) {
    StringBuilder joined = new StringBuilder();
    for (String element : elements) {
      if (!element.isEmpty()) {
        joined.append(joined.isEmpty() ? "" : "/").append(element);
      }
    }
    return joined.isEmpty() ? "" : clean(joined.toString());
  }

  public static boolean isAbsolute(String path) {
    return path.startsWith("/");
  }

  /** Whether the last element is {@code .}: {@code dir/.} means the directory's contents. */
  public static boolean specifiesCurrentDir(String path) {
    return base(path).equals(".");
  }

  public static boolean hasTrailingSeparator(String path) {
    return path.endsWith("/");
  }

  /** A path that can only name a directory: ends with {@code /} or {@code /.}. */
  public static boolean assertsDirectory(String path) {
    return hasTrailingSeparator(path) || specifiesCurrentDir(path);
  }

  /**
   * moby's {@code PreserveTrailingDotOrSeparator}: {@code cleaned} with the trailing {@code /.}
   * or {@code /} that {@code original} had and cleaning took away.
   */
  public static String preserveTrailingDotOrSeparator(String cleaned, String original) {
    String result = cleaned;
    if (!specifiesCurrentDir(result) && specifiesCurrentDir(original)) {
      result += (hasTrailingSeparator(result) ? "" : "/") + ".";
    }
    if (!hasTrailingSeparator(result) && hasTrailingSeparator(original)) {
      result += "/";
    }
    return result;
  }

  /** moby's {@code SplitPathDirEntry}: {@code {dir, base}} of the cleaned path, a trailing {@code .} kept as the base. */
  public static String[] splitPathDirEntry(String path) {
    String cleaned = clean(path);
    if (specifiesCurrentDir(path)) {
      cleaned += "/.";
    }
    return new String[] {dir(cleaned), base(cleaned)};
  }

  /**
   * moby's {@code GetRebaseName}: {@code resolved} (a link's target) given the trailing
   * {@code /.} or {@code /} of {@code path}, and the name the copy must take when the target's
   * base differs from the path's ({@code ""} when it does not): {@code {resolved, rebaseName}}.
   */
  public static String[] rebaseName(String path, String resolved) {
    String result = resolved;
    if (specifiesCurrentDir(path) && !specifiesCurrentDir(result)) {
      result += "/.";
    }
    if (hasTrailingSeparator(path) && !hasTrailingSeparator(result)) {
      result += "/";
    }
    return new String[] {result, base(path).equals(base(result)) ? "" : base(path)};
  }
}
