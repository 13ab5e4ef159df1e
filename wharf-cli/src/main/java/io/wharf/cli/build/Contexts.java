package io.wharf.cli.build;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * What {@code wharf build PATH|URL|-} is given, told apart as the docker CLI does, and Go's
 * {@code filepath.EvalSymlinks} with its error wording. Stateless.
 */
public final class Contexts {
  /** The kinds of context, in the order docker tries them. */
  public enum Kind { STDIN, LOCAL, GIT, URL }

  private static final int MAX_LINKS = 255;

  private Contexts() {}

  /** STDIN for {@code -}, LOCAL for anything that exists, then git and http(s) URLs. */
  public static Kind kind(String context) throws ContextException {
    if (context.equals("-")) {
      return Kind.STDIN;
    }
    if (Files.exists(Path.of(context))) {
      return Kind.LOCAL;
    }
    if (isGitUrl(context)) {
      return Kind.GIT;
    }
    if (isUrl(context)) {
      return Kind.URL;
    }
    throw new ContextException("unable to prepare context: path \"" + context + "\" not found");
  }

  static boolean isUrl(String text) {
    return text.startsWith("http://") || text.startsWith("https://");
  }

  /** moby's urlutil.IsGitURL: {@code git://}, {@code github.com/}, {@code git@}, or a URL ending {@code .git[#frag]}. */
  static boolean isGitUrl(String text) {
    if (isUrl(text) && text.matches(".*\\.git(?:#.+)?$")) {
      return true;
    }
    return text.startsWith("git://") || text.startsWith("github.com/") || text.startsWith("git@");
  }

  /**
   * The real path of absolute {@code path}, as Go's EvalSymlinks finds it: each
   * element is looked up in turn, links replaced by their targets; the first missing element
   * is an IOException worded {@code lstat /a/b: no such file or directory}.
   */
  static Path evalSymlinks(Path path) throws IOException {
    return evalSymlinks(path, new int[] {0});
  }

  private static Path evalSymlinks(Path path, int[] links) throws IOException {
    Path resolved = path.getRoot();
    for (Path element : path) {
      if (element.toString().equals(".")) {
        continue;
      }
      if (element.toString().equals("..")) {
        resolved = resolved.getParent() == null ? resolved : resolved.getParent();
        continue;
      }
      Path next = resolved.resolve(element);
      if (resolved.getParent() != null && !Files.isDirectory(resolved)) {
        throw new IOException("lstat " + next + ": not a directory");
      }
      if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException("lstat " + next + ": no such file or directory");
      }
      if (Files.isSymbolicLink(next)) {
        if (++links[0] > MAX_LINKS) {
          throw new IOException("EvalSymlinks: too many links");
        }
        resolved = evalSymlinks(resolved.resolve(Files.readSymbolicLink(next)), links);
      } else {
        resolved = next;
      }
    }
    return resolved;
  }

  /** An I/O failure in Go's words: {@code no such file or directory}, {@code permission denied}. */
  public static String reason(IOException e) {
    return switch (e) {
      case NoSuchFileException x -> "no such file or directory";
      case AccessDeniedException x -> "permission denied";
      case NotDirectoryException x -> "not a directory";
      case FileSystemException x when x.getReason() != null -> x.getReason().toLowerCase(java.util.Locale.ROOT);
      default -> e.getMessage();
    };
  }
}
