package io.wharf.engine.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A small container root file system for the {@code docker cp} tests, next to a directory
 * {@code outside} that nothing may ever write to:
 *
 * <pre>
 * etc/hostname        "wharf\n" 0644
 * dir/a               "A" 0640, and dir/hard, a second name of it
 * dir/link -> a
 * dir/sub/b           "B"
 * linkdir -> dir
 * tmp/
 * escape -> /
 * up -> ../../..
 * host -> OUTSIDE      (the absolute host path of outside)
 * </pre>
 */
final class ContainerRootFixture {
  final Path root;
  final Path outside;

  ContainerRootFixture(Path temp) throws IOException {
    root = Files.createDirectory(temp.resolve("root"));
    outside = Files.createDirectory(temp.resolve("outside"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/hostname"), "wharf\n");
    Files.setPosixFilePermissions(root.resolve("etc/hostname"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.createDirectories(root.resolve("dir/sub"));
    Files.setPosixFilePermissions(root.resolve("dir"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(root.resolve("dir/a"), "A");
    Files.setPosixFilePermissions(root.resolve("dir/a"), PosixFilePermissions.fromString("rw-r-----"));
    Files.createLink(root.resolve("dir/hard"), root.resolve("dir/a"));
    Files.createSymbolicLink(root.resolve("dir/link"), Path.of("a"));
    Files.writeString(root.resolve("dir/sub/b"), "B");
    Files.createSymbolicLink(root.resolve("linkdir"), Path.of("dir"));
    Files.createDirectories(root.resolve("tmp"));
    Files.createSymbolicLink(root.resolve("escape"), Path.of("/"));
    Files.createSymbolicLink(root.resolve("up"), Path.of("../../.."));
    Files.createSymbolicLink(root.resolve("host"), outside);
  }

  /** Where an entry aimed at {@code outside} through a link lands when it stays in the root. */
  Path outsideSeenFromRoot() {
    return root.resolve(outside.toString().substring(1));
  }

  /** One entry of a tar read back; {@code content} for regular files. */
  record Entry(String name, byte type, int mode, String linkName, long uid, long gid, long mtime, String content) {}

  static List<Entry> read(byte[] tar) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        in.transferTo(content);
        entries.add(new Entry(e.getName(), e.getLinkFlag(), e.getMode(), e.getLinkName(), e.getLongUserId(),
            e.getLongGroupId(), e.getModTime().getTime(), content.toString(StandardCharsets.UTF_8)));
      }
    }
    return entries;
  }
}
