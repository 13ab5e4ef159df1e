package io.wharf.engine.archive;

import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Map;

/**
 * The engine side of {@code docker cp}: what {@code HEAD}, {@code GET} and {@code PUT
 * /containers/{id}/archive} do, on {@code root}, a container's root file system as the daemon
 * sees it (its mounted overlay, or {@code /proc/<pid>/root} of a running container). Paths are
 * absolute in the container and resolved inside {@code root} ({@link RootedPath}): {@code ..}
 * stops at the root and links are followed as if the root were {@code /}, so nothing outside
 * {@code root} is ever read or written.
 *
 * <p>Example: {@code docker cp c:/etc/. out} is {@code stat(root, "/etc/.", "c")} (the
 * {@code X-Docker-Container-Path-Stat} header) then {@code write(root, "/etc/.", "c", body)},
 * a tar of {@code ./}, {@code ./hostname}, …; {@code docker cp in c:/tmp} is
 * {@code stat(root, "/tmp/in", "c")} then {@code extract(root, "/tmp", "c", body, true)}.
 * Stateless; thread-safe (two calls on one container race as two processes would).
 */
public final class ContainerArchive {
  /** Go's {@code time.RFC3339Nano}: the fraction without trailing zeros, none when whole. */
  private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .appendLiteral('Z').toFormatter().withZone(ZoneOffset.UTC);

  private ContainerArchive() {}

  /**
   * What HEAD and GET report in {@code X-Docker-Container-Path-Stat} (base64 of its JSON).
   *
   * @param name Go's base name of the path asked for: {@code etc} for {@code /etc/}, {@code .}
   *     for {@code /etc/.}, {@code /} for {@code /}
   * @param size the size {@code lstat} gives
   * @param mode Go's {@code os.FileMode} bits ({@link GoFileMode})
   * @param mtime RFC 3339 with nanoseconds, UTC
   * @param linkTarget for a link, where it leads inside the root (absolute, every link followed,
   *     as far as it exists); otherwise empty
   */
  public record PathStat(String name, long size, long mode, String mtime, String linkTarget) {}

  /**
   * The stat of {@code path}, a last link not followed (Docker's {@code lstat}), unless the path
   * ends in {@code /} or {@code /.}, which asks for the directory the link leads to.
   *
   * @throws NotFound "Could not find the file PATH in container NAME"
   */
  public static PathStat stat(Path root, String path, String containerName) throws IOException {
    return locate(root, path, containerName).stat();
  }

  /**
   * GET: a tar of {@code path} to {@code out} (not closed): a file (or link, device, pipe) as one
   * entry named by its base name; a directory as its own entry and everything below, named
   * {@code dir/…}, or {@code ./…} when the path ends in {@code /.} (its contents, as Docker
   * does); see {@link PathArchiver}. Streams: no file is held in memory. The stat (the same as
   * {@link #stat}) is taken before the first byte is written, so a {@link NotFound} leaves
   * {@code out} untouched; a route that must send the header first calls {@link #stat} first.
   */
  public static PathStat write(Path root, String path, String containerName, OutputStream out) throws IOException {
    Located located = locate(root, path, containerName);
    PathArchiver.write(located.file(), located.stat().name(), out);
    return located.stat();
  }

  /**
   * PUT: extracts {@code tar} (plain, gzip, bzip2, xz or zstd) into the directory {@code path}
   * (a link to a directory is followed), as {@link PathExtractor} describes. Owners are the
   * tar's, as Docker keeps them for {@code docker cp} (the CLI sends them).
   *
   * @param noOverwriteDirNonDir refuse to replace a directory with a non-directory or the
   *     reverse ("cannot overwrite directory \"/tmp/x\" with non-directory \"/tmp\"")
   * @throws NotFound when {@code path} does not exist
   * @throws InvalidArgument "extraction point is not a directory"; a broken or hostile tar,
   *     named (entries already written stay, as with Docker; nothing outside the root is touched)
   */
  public static void extract(Path root, String path, String containerName, InputStream tar,
      boolean noOverwriteDirNonDir) throws IOException {
    Path dest = RootedPath.resolve(root, ContainerPath.of(path).absolute());
    if (!Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
      throw notFound(path, containerName);
    }
    if (!Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidArgument("extraction point is not a directory");
    }
    new PathExtractor(root, dest, noOverwriteDirNonDir).extract(tar);
  }

  /**
   * {@link #extract(Path, String, String, InputStream, boolean)} for a caller without the
   * container's name at hand: a missing path is reported without it.
   */
  public static void extract(Path root, String path, InputStream tar, boolean noOverwriteDirNonDir) throws IOException {
    extract(root, path, "", tar, noOverwriteDirNonDir);
  }

  /** The file a path names (its directory resolved, the last part as written) and its stat. */
  private record Located(Path file, PathStat stat) {}

  private static Located locate(Path root, String path, String containerName) throws IOException {
    ContainerPath asked = ContainerPath.of(path);
    Path dir = RootedPath.resolve(root, asked.directory());
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw notFound(path, containerName); // Docker: ENOENT or ENOTDIR
    }
    String last = asked.last();
    Path file = last.isEmpty() || last.equals(".") ? dir : dir.resolve(last);
    Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(file, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw notFound(path, containerName);
    }
    long mode = GoFileMode.of((Integer) attributes.get("mode"));
    String linkTarget = "";
    if ((mode & GoFileMode.SYMLINK) != 0) {
      linkTarget = "/" + root.relativize(RootedPath.resolve(root, asked.absolute()));
    }
    String mtime = RFC3339_NANO.format(((FileTime) attributes.get("lastModifiedTime")).toInstant());
    return new Located(file, new PathStat(asked.name(), (Long) attributes.get("size"), mode, mtime, linkTarget));
  }

  private static NotFound notFound(String path, String containerName) {
    return new NotFound("Could not find the file " + path
        + (containerName.isEmpty() ? "" : " in container " + containerName));
  }
}
