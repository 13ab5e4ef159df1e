package io.wharf.engine.build.context;

import io.wharf.engine.archive.CountedTar;
import io.wharf.engine.archive.RootedPath;
import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks an uncompressed tar into a directory as Docker's chrooted untar does: names cleaned,
 * parents resolved inside the directory ({@link RootedPath}), what is in the way replaced
 * (a directory over a directory is merged), owners, modes and mtimes kept. Unlike a layer, a
 * {@code .wh.} file is a file like any other. Device files and FIFOs are refused. Stateless.
 */
final class SafeUntar {
  private SafeUntar() {}

  /**
   * Extracts {@code tar} into the existing directory {@code dir}, reading it to its end; when
   * {@code hashes} is not null, each regular file's content digest is computed while it is
   * written and recorded there. A hostile or broken tar is an {@link InvalidArgument}.
   */
  static void extract(InputStream tar, Path dir, ContentHashIndex hashes) throws IOException {
    CountedTar counting = new CountedTar(tar);
    Map<Path, FileTime> directoryTimes = new LinkedHashMap<>(); // the last entry for a directory wins
    try {
      TarArchiveInputStream entries = new TarArchiveInputStream(counting, StandardCharsets.UTF_8.name());
      TarArchiveEntry entry;
      while ((entry = entries.getNextEntry()) != null) {
        String name = RootedPath.clean(entry.getName());
        if (name.isEmpty()) {
          continue;
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
          throw new InvalidArgument("invalid tar entry \"" + entry.getName() + "\": device files are not allowed");
        }
        int slash = name.lastIndexOf('/');
        Path parent = RootedPath.directory(dir, slash < 0 ? "" : name.substring(0, slash));
        Path path = parent.resolve(name.substring(slash + 1));
        FileTime mtime = FileTime.from(entry.getLastModifiedTime().toInstant());
        if (entry.isDirectory()) {
          if (!ScopedPath.isDirectory(path)) {
            io.wharf.engine.archive.FileTree.delete(path);
            Files.createDirectory(path);
          }
          Trees.setOwnerAndMode(path, (int) entry.getLongUserId(), (int) entry.getLongGroupId(), entry.getMode());
          directoryTimes.put(path, mtime);
          continue;
        }
        io.wharf.engine.archive.FileTree.delete(path);
        Digest content = null;
        if (entry.isSymbolicLink()) {
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Path linked = hardLinkTarget(dir, entry);
          content = hashes == null ? null : hashes.hash(linked);
          Files.createLink(path, linked);
        } else if (entry.isFile()) {
          content = write(entries, path, hashes != null);
        } else {
          throw new InvalidArgument("invalid tar entry \"" + entry.getName() + "\": unsupported entry type");
        }
        Trees.setOwnerAndMode(path, (int) entry.getLongUserId(), (int) entry.getLongGroupId(), entry.getMode());
        Trees.setTimes(path, mtime);
        if (content != null) {
          hashes.record(path, content);
        }
      }
      counting.transferTo(OutputStream.nullOutputStream());
      counting.requireWholeBlocks();
    } catch (InvalidArgument | FileSystemException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidArgument("invalid tar archive: " + e.getMessage(), e);
    }
    // directory times last, as writing their children changed them; a directory that a later
    // entry replaced, or that is now reached through a link, is skipped
    Path realRoot = dir.toRealPath();
    for (Map.Entry<Path, FileTime> directory : directoryTimes.entrySet()) {
      Path path = directory.getKey();
      if (ScopedPath.isDirectory(path) && path.toRealPath().equals(realRoot.resolve(dir.relativize(path)))) {
        Trees.setTimes(path, directory.getValue());
      }
    }
  }

  private static Digest write(InputStream content, Path path, boolean digest) throws IOException {
    MessageDigest sha256 = digest ? Digest.sha256() : null;
    try (OutputStream file = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = digest ? new DigestOutputStream(file, sha256) : file) {
      content.transferTo(out);
    }
    return digest ? Digest.fromHash(sha256.digest()) : null;
  }

  private static Path hardLinkTarget(Path root, TarArchiveEntry entry) throws IOException {
    String name = RootedPath.clean(entry.getLinkName());
    int slash = name.lastIndexOf('/');
    Path parent = ScopedPath.resolve(root, slash < 0 ? "" : name.substring(0, slash));
    Path linked = parent.resolve(name.substring(slash + 1));
    if (name.isEmpty() || !Files.isRegularFile(linked, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidArgument("invalid tar entry \"" + entry.getName() + "\": hard link to missing file \""
          + entry.getLinkName() + "\"");
    }
    return linked;
  }

}
