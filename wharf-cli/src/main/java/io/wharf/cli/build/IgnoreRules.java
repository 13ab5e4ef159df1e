package io.wharf.cli.build;

import io.wharf.oci.build.DockerIgnore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A context's {@code .dockerignore} as the docker CLI applies it when it sends a directory:
 * the Dockerfile and the {@code .dockerignore} itself are sent even when ignored (the CLI adds
 * {@code !Dockerfile} and {@code !.dockerignore}; the daemon leaves them out of the build), and
 * an excluded directory is entered only when an exception pattern starts with its path
 * ({@code !dir/keep}) — docker's shortcut, which misses {@code !**}{@code /keep}. Immutable.
 */
public final class IgnoreRules {
  private static final String BOM = "\uFEFF";

  private final DockerIgnore ignore;
  private final Set<String> kept;
  private final List<String> exceptions;

  private IgnoreRules(DockerIgnore ignore, Set<String> kept, List<String> exceptions) {
    this.ignore = ignore;
    this.kept = kept;
    this.exceptions = exceptions;
  }

  /**
   * The rules of {@code text} (a .dockerignore), keeping {@code relDockerfile} (a path relative to
   * the context, or {@code -} for a Dockerfile from stdin, which keeps nothing).
   */
  public static IgnoreRules parse(String text, String relDockerfile) {
    String body = text.startsWith(BOM) ? text.substring(BOM.length()) : text;
    Set<String> kept = relDockerfile.equals("-") ? Set.of(".dockerignore") : Set.of(".dockerignore", relDockerfile);
    List<String> exceptions = new ArrayList<>();
    for (String raw : body.split("\r?\n")) {
      String line = raw.strip();
      if (line.startsWith("!")) {
        String pattern = DockerIgnore.goClean(line.substring(1).strip());
        exceptions.add(pattern.length() > 1 && pattern.startsWith("/") ? pattern.substring(1) : pattern);
      }
    }
    exceptions.addAll(kept);
    return new IgnoreRules(DockerIgnore.parse(body), kept, List.copyOf(exceptions));
  }

  /** The rules of {@code contextDir}'s .dockerignore (none when it has none). */
  public static IgnoreRules read(Path contextDir, String relDockerfile) throws ContextException {
    Path file = contextDir.resolve(".dockerignore");
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), relDockerfile);
    } catch (NoSuchFileException e) {
      return parse("", relDockerfile);
    } catch (IOException e) {
      throw new ContextException("error reading .dockerignore: read " + file + ": " + Contexts.reason(e));
    }
  }

  /** True when {@code path} (relative, {@code /}-separated) is left out of the context. */
  public boolean excludes(String path) {
    return !kept.contains(path) && ignore.excludes(path);
  }

  /** Whether the excluded directory {@code path} must still be walked for exceptions below it. */
  public boolean entersExcluded(String path) {
    String dir = path + "/";
    return exceptions.stream().anyMatch(pattern -> (pattern + "/").startsWith(dir));
  }

}
