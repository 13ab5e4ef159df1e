package io.wharf.engine.build.context;

import io.wharf.engine.archive.Compression;
import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes COPY and ADD sources into an image's root file system with the rules of Docker's
 * classic builder ({@code performCopyForInfo}):
 *
 * <ul>
 *   <li>a relative destination is relative to the WORKDIR; the destination is resolved inside
 *       the root, links in it followed as if the root were {@code /};
 *   <li>more than one source needs a destination ending with {@code /};
 *   <li>a directory's contents, not the directory, go into the destination, created when
 *       missing (its parents as root:root 0755, itself with the copy's owner);
 *   <li>a file goes to {@code dest/<name>} when the destination ends with {@code /} or is a
 *       directory, else to the destination itself; missing parents are created 0755 with the
 *       copy's owner ({@code MkdirAllAndChownNew});
 *   <li>ADD extracts a local tar (plain or compressed, told from its content) into the
 *       destination as a directory, keeping the archive's owners and modes; a download is
 *       never extracted;
 *   <li>what is copied is owned by root, or by {@code --chown} resolved in the image; modes
 *       (setuid included) and mtimes are kept unless {@code --chmod} replaces the bits;
 *   <li>links below a copied directory stay links; what is in the way is replaced.
 * </ul>
 *
 * Stateless.
 */
public final class FileCopier {
  private FileCopier() {}

  /**
   * Copies {@code sources} into the mounted root file system {@code destRoot} at {@code dest}
   * as written in the Dockerfile; {@code workdir} is the stage's WORKDIR ({@code "/"} when
   * empty). Docker's messages for its errors: {@code "When using COPY with more than one source
   * file, the destination must be a directory and end with a /"}, {@code "unable to convert
   * uid/gid chown string to host mapping: can't find uid for user x: no such user: x"},
   * {@code "failed to copy files: mkdir /x: not a directory"}.
   */
  public static void copy(List<CopySource> sources, Path destRoot, String dest, String workdir, CopyOptions options)
      throws IOException {
    String keyword = options.keyword();
    if (sources.isEmpty()) {
      throw new InvalidArgument(keyword + " failed: no source files were specified");
    }
    boolean intoDirectory = dest.endsWith("/");
    if (sources.size() > 1 && !intoDirectory) {
      throw new InvalidArgument("When using " + keyword
          + " with more than one source file, the destination must be a directory and end with a /");
    }
    for (CopySource source : sources) {
      if (source.remote() && source.relative().isEmpty() && intoDirectory) {
        throw new InvalidArgument(keyword + " failed: cannot determine filename for source " + source.pattern());
      }
    }
    Owner owner = Owner.resolve(options.chown(), destRoot);
    TreeCopy copy = new TreeCopy(destRoot, owner, options.chmod());
    String absolute = dest.startsWith("/") ? dest : (workdir == null || workdir.isEmpty() ? "/" : workdir) + "/" + dest;
    Path target = ScopedPath.resolve(destRoot, ScopedPath.clean(absolute));
    for (CopySource source : sources) {
      if (ScopedPath.isDirectory(source.path())) {
        copy.contents(source.path(), target);
      } else if (options.add() && !source.remote() && ArchiveProbe.isArchive(source.path())) {
        extract(copy, source.path(), target);
      } else {
        Path to = intoDirectory || ScopedPath.isDirectory(target) ? target.resolve(source.baseName()) : target;
        copy.mkdirs(to.getParent(), owner);
        copy.entry(source.path(), to);
      }
    }
  }

  /** ADD's extraction: into {@code target} as a directory, made by root when missing. */
  private static void extract(TreeCopy copy, Path archive, Path target) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !ScopedPath.isDirectory(target)) {
      throw copy.notADirectory(target);
    }
    copy.mkdirs(target, Owner.ROOT);
    try (InputStream raw = Files.newInputStream(archive, LinkOption.NOFOLLOW_LINKS);
        InputStream tar = Compression.decompress(raw)) {
      SafeUntar.extract(tar, target, null);
    }
  }
}
