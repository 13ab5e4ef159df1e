package io.wharf.cli.copy;

/**
 * Where a copied resource lands, as moby's {@code PrepareArchiveCopy} decides: into an
 * existing directory under its own name; otherwise in the destination's parent, renamed to
 * the destination's base name (a file replaces a file, a directory becomes the new
 * directory). A directory cannot replace a file, and a file cannot create {@code dir/}.
 * Immutable.
 *
 * @param directory the directory the tar is extracted into
 * @param newBase the name the tar's top entry takes there, or null to keep its name
 */
public record CopyPlan(String directory, String newBase) {
  public static CopyPlan prepare(CopyInfo source, CopyInfo destination) {
    String[] split = UnixPaths.splitPathDirEntry(destination.path());
    if (destination.exists() && destination.isDirectory()) {
      return new CopyPlan(destination.path(), null);
    }
    if (destination.exists() && source.isDirectory()) {
      throw new CopyFailure("cannot copy directory");
    }
    if (!destination.exists() && !source.isDirectory() && UnixPaths.assertsDirectory(destination.path())) {
      throw new CopyFailure("no such directory");
    }
    return new CopyPlan(split[0], split[1]);
  }
}
