package io.wharf.cli.copy;

/**
 * moby's {@code archive.CopyInfo}: one end of a copy as far as naming goes. Immutable.
 *
 * @param rebaseName the name the copied resource must take, "" to keep its own (set when a
 *     followed link's target has another base name than the path asked for)
 */
public record CopyInfo(String path, boolean exists, boolean isDirectory, String rebaseName) {
  /** The base name of the resource in the tar: {@link #rebaseName} if set, else the path's. */
  public String archiveBase() {
    return rebaseName.isEmpty() ? UnixPaths.splitPathDirEntry(path)[1] : rebaseName;
  }
}
