package io.wharf.engine.build.context;

import java.nio.file.Path;

/**
 * One source of a COPY or ADD as Docker matched it. Immutable.
 *
 * @param pattern the source as written in the Dockerfile (a pattern, a path, or a URL)
 * @param path the entry's absolute path, a top-level symbolic link already followed inside the
 *     source root; for a URL, the downloaded file
 * @param relative the entry's name relative to the source root as matched ({@code ""} for the
 *     root itself, or for a download whose name could not be told from its URL)
 * @param remote whether it was downloaded: ADD then copies it as it is, even an archive
 */
public record CopySource(String pattern, Path path, String relative, boolean remote) {
  /** A local source: from the context, a stage, an image, or a here-document. */
  public CopySource(String pattern, Path path, String relative) {
    this(pattern, path, relative, false);
  }

  /**
   * The name a file takes in a destination directory: the last element of its name as matched
   * (a symbolic link's own name, not its target's), else of its path.
   */
  public String baseName() {
    String name = relative.isEmpty() ? path.getFileName().toString() : relative;
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
