package io.wharf.cli.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A context directory and where its Dockerfile is, as the docker CLI resolves them: the
 * directory's symbolic links followed; the Dockerfile {@code PATH/Dockerfile} (or
 * {@code PATH/dockerfile} when only that exists), or {@code -f}'s file relative to the working
 * directory, or {@code -} for stdin. A Dockerfile outside the directory is sent inside the
 * context under a random name ({@link #outside()}).
 *
 * @param dir the context directory, absolute and real
 * @param relDockerfile the Dockerfile relative to {@code dir} ({@code ../x/Dockerfile} when
 *     outside it), {@code /}-separated, or {@code -}
 * @param outside the Dockerfile as {@code -f} named it, when it lies outside {@code dir}; null otherwise
 */
public record LocalContext(Path dir, String relDockerfile, Path outside) {
  private static final String DEFAULT_DOCKERFILE = "Dockerfile";

  /** Resolves {@code context} and {@code -f dockerfile} (null or empty when not given). */
  public static LocalContext resolve(String context, String dockerfile) throws ContextException {
    Path dir;
    try {
      dir = Contexts.evalSymlinks(Path.of(context).toAbsolutePath().normalize());
    } catch (IOException e) {
      throw new ContextException("unable to prepare context: unable to evaluate symlinks in context path: " + e.getMessage());
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new ContextException("unable to prepare context: context must be a directory: " + dir);
    }
    if ("-".equals(dockerfile)) {
      return new LocalContext(dir, "-", null);
    }
    Path given;
    if (dockerfile == null || dockerfile.isEmpty()) {
      given = dir.resolve(DEFAULT_DOCKERFILE);
      Path lowerCase = dir.resolve(DEFAULT_DOCKERFILE.toLowerCase(java.util.Locale.ROOT));
      if (!Files.exists(given, LinkOption.NOFOLLOW_LINKS) && Files.exists(lowerCase, LinkOption.NOFOLLOW_LINKS)) {
        given = lowerCase;
      }
    } else {
      given = Path.of(dockerfile).toAbsolutePath().normalize(); // -f is relative to the working directory
    }
    Path real;
    try {
      real = Contexts.evalSymlinks(given);
    } catch (IOException e) {
      throw new ContextException("unable to prepare context: unable to evaluate symlinks in Dockerfile path: " + e.getMessage());
    }
    String rel = dir.relativize(real).toString();
    Path outside = rel.startsWith("../") ? Path.of(dockerfile) : null;
    return new LocalContext(dir, rel, outside);
  }
}
