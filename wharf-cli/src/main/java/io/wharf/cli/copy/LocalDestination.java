package io.wharf.cli.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The local destination of a copy out of a container, as the docker CLI checks it
 * ({@code ValidateOutputPath}) and moby resolves it ({@code CopyInfoDestinationPath}): the
 * user's own links at the destination are followed (at most 10), a missing destination needs
 * an existing parent directory. Stateless.
 */
public final class LocalDestination {
  private static final int MAX_LINKS = 10;

  private LocalDestination() {}

  /** docker's {@code ValidateOutputPath}: the parent directory exists; an existing path is a directory or a file. */
  public static void validate(String path) {
    String dir = UnixPaths.dir(UnixPaths.clean(path));
    if (!dir.isEmpty() && !dir.equals(".") && !Files.exists(Path.of(dir))) {
      throw new CopyFailure("invalid output path: directory \"" + dir + "\" does not exist");
    }
    Path target = Path.of(path);
    if (Files.exists(target) && !Files.isDirectory(target) && !Files.isRegularFile(target)) {
      throw new CopyFailure("invalid output path: \"" + path + "\" must be a directory or a regular file: "
          + (isDevice(target) ? "got a device" : "got an irregular file"));
    }
  }

  private static boolean isDevice(Path path) {
    try {
      int type = ((Number) Files.getAttribute(path, "unix:mode")).intValue() & 0170000;
      return type == 0020000 || type == 0060000;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** moby's {@code CopyInfoDestinationPath} for an absolute {@code path}. */
  public static CopyInfo info(String path) {
    String current = path;
    for (int links = 0; ; links++) {
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(Path.of(current), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        String parent = UnixPaths.splitPathDirEntry(current)[0];
        try {
          if (!Files.readAttributes(Path.of(parent), BasicFileAttributes.class).isDirectory()) {
            throw new CopyFailure("not a directory");
          }
        } catch (IOException missing) {
          throw CopyFailure.of("stat", parent, missing);
        }
        return new CopyInfo(current, false, false, "");
      } catch (IOException e) {
        throw CopyFailure.of("lstat", current, e);
      }
      if (!attributes.isSymbolicLink()) {
        return new CopyInfo(current, true, attributes.isDirectory(), "");
      }
      if (links >= MAX_LINKS) {
        throw new CopyFailure("too many symlinks in " + path);
      }
      String target;
      try {
        target = Files.readSymbolicLink(Path.of(current)).toString();
      } catch (IOException e) {
        throw CopyFailure.of("readlink", current, e);
      }
      current = UnixPaths.isAbsolute(target) ? target : UnixPaths.join(UnixPaths.splitPathDirEntry(current)[0], target);
    }
  }
}
