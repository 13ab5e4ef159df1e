package io.wharf.engine.build.context;

import io.wharf.engine.archive.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * Docker's {@code isArchivePath}, which decides whether ADD extracts a local file: the content,
 * decompressed as its magic bytes say, starts with a tar header whose checksum is right. The
 * file's name plays no part. Stateless.
 */
final class ArchiveProbe {
  private static final int BLOCK = 512;

  private ArchiveProbe() {}

  /**
   * Whether {@code file} is a tar, plain or compressed. A compression the engine cannot undo
   * is an {@link io.wharf.oci.errors.InvalidArgument} rather than a silent copy.
   */
  static boolean isArchive(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        InputStream in = Compression.decompress(raw)) {
      byte[] header = in.readNBytes(BLOCK);
      // a zero block first is the end of an empty archive: Go's tar reader then says EOF
      return header.length == BLOCK && !zero(header) && TarUtils.verifyCheckSum(header);
    } catch (IOException e) {
      return false; // corrupt compressed data: not an archive, as for Docker
    }
  }

  private static boolean zero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
