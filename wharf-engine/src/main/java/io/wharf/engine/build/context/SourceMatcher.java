package io.wharf.engine.build.context;

import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY and ADD sources matched as Docker's classic builder matches them. A source is read
 * relative to the source root, a leading {@code /} or {@code ./} meaning the root and {@code ..}
 * never leaving it. One without wildcards names one entry, which must exist. One with
 * wildcards ({@code *}, {@code ?}, {@code [..]}, unescaped) is matched with Go's
 * {@code filepath.Match} against every path in the root, so each element of the pattern matches
 * one element of the path; it may match nothing. A matched symbolic link is followed inside the
 * root; links below a matched directory are copied as links later. Stateless.
 */
public final class SourceMatcher {
  private SourceMatcher() {}

  /**
   * The entries {@code patterns} name in {@code root}: in pattern order, and for a wildcard
   * pattern in the order of a walk of the root, each directory's entries sorted by name.
   * A missing source is an {@link InvalidArgument} in Docker's words ({@code "COPY failed: file
   * not found in build context or excluded by .dockerignore: stat x: file does not exist"}),
   * and so is a list of patterns that matches nothing ({@code "COPY failed: no source files
   * were specified"}). {@code keyword} is {@code "COPY"} or {@code "ADD"}.
   */
  public static List<CopySource> match(Path root, List<String> patterns, String keyword) throws IOException {
    List<CopySource> sources = new ArrayList<>();
    for (String pattern : patterns) {
      // as Docker: one leading "/", then one leading "./", is the root
      String name = pattern.startsWith("/") ? pattern.substring(1) : pattern;
      name = name.startsWith("./") ? name.substring(2) : name;
      if (GoGlob.hasWildcards(name)) {
        String glob = ScopedPath.clean(name);
        walk(root, root, "", 1, depth(glob), pattern, glob, keyword, sources);
      } else {
        sources.add(source(root, pattern, ScopedPath.clean(name), name, keyword));
      }
    }
    if (sources.isEmpty()) {
      throw new InvalidArgument(keyword + " failed: no source files were specified");
    }
    return List.copyOf(sources);
  }

  /** Matches the entries of {@code dir}, whose names have {@code depth} elements, and below. */
  private static void walk(Path root, Path dir, String relative, int depth, int maxDepth, String pattern,
      String glob, String keyword, List<CopySource> sources) throws IOException {
    for (Path child : Trees.children(dir)) {
      String name = relative.isEmpty() ? child.getFileName().toString() : relative + "/" + child.getFileName();
      if (GoGlob.match(glob, name)) {
        sources.add(source(root, pattern, name, name, keyword));
      }
      if (depth < maxDepth && ScopedPath.isDirectory(child)) {
        walk(root, child, name, depth + 1, maxDepth, pattern, glob, keyword, sources);
      }
    }
  }

  /** How many elements a path matched by {@code glob} can have: one more than its slashes. */
  private static int depth(String glob) {
    return (int) glob.chars().filter(c -> c == '/').count() + 1;
  }

  private static CopySource source(Path root, String pattern, String relative, String shown, String keyword)
      throws IOException {
    Path path = ScopedPath.resolve(root, relative);
    if (!Files.exists(path)) {
      throw new InvalidArgument(keyword + " failed: file not found in build context or excluded by .dockerignore: stat "
          + shown + ": file does not exist");
    }
    return new CopySource(pattern, path, relative);
  }
}
