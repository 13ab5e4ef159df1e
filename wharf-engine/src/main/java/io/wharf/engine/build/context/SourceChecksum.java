package io.wharf.engine.build.context;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * The build-cache checksum of what a COPY or ADD copies. Like Docker's tarsum-based file hashes
 * it covers each entry's name, type, permission bits (setuid, setgid and sticky included),
 * owner, group, link target and content, and not its times: a {@code touch}ed or re-checked-out
 * file keeps the cache, an edited or chmod-ed one does not. Stateless.
 */
public final class SourceChecksum {
  private SourceChecksum() {}

  /**
   * sha256 over, for each source in order, its relative name and metadata, then for a
   * directory every entry below it, depth first, each directory's entries sorted by name, with
   * names relative to the source. Regular files' contents come from {@code hashes}, which reads
   * a file only when its stat changed since it was last hashed.
   */
  public static Digest of(List<CopySource> sources, ContentHashIndex hashes) throws IOException {
    MessageDigest sha256 = Digest.sha256();
    for (CopySource source : sources) {
      sha256.update((byte) 'S');
      entry(sha256, source.relative(), source.path(), hashes);
      if (ScopedPath.isDirectory(source.path())) {
        tree(sha256, source.path(), "", hashes);
      }
    }
    return Digest.fromHash(sha256.digest());
  }

  private static void tree(MessageDigest sha256, Path dir, String relative, ContentHashIndex hashes)
      throws IOException {
    for (Path child : Trees.children(dir)) {
      String name = relative.isEmpty() ? child.getFileName().toString() : relative + "/" + child.getFileName();
      sha256.update((byte) 'E');
      entry(sha256, name, child, hashes);
      if (ScopedPath.isDirectory(child)) {
        tree(sha256, child, name, hashes);
      }
    }
  }

  private static void entry(MessageDigest sha256, String name, Path path, ContentHashIndex hashes)
      throws IOException {
    Map<String, Object> stat = Files.readAttributes(path, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) stat.get("mode");
    int type = mode & 0170000;
    text(sha256, name);
    number(sha256, type);
    number(sha256, mode & 07777);
    number(sha256, (Integer) stat.get("uid"));
    number(sha256, (Integer) stat.get("gid"));
    if (type == 0120000) {
      text(sha256, Files.readSymbolicLink(path).toString());
    } else if (type == 0100000) {
      text(sha256, hashes.hash(path).toString());
    } else {
      text(sha256, "");
    }
  }

  private static void text(MessageDigest sha256, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    number(sha256, bytes.length);
    sha256.update(bytes);
  }

  private static void number(MessageDigest sha256, long value) {
    sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
  }
}
