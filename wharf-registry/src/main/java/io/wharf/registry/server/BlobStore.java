package io.wharf.registry.server;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Content-addressed blobs under {@code blobs/sha256/<hex>}, shared by every repository (which
 * repository may serve a blob is {@link Repositories}' business). Bytes are written to a
 * temporary file under {@code uploads/}, hashed while written, synced, and renamed into place
 * only when the hash is the digest claimed. Thread-safe: every change is one rename.
 */
final class BlobStore {
  static final int BUFFER = 64 * 1024;
  private final Path blobs;
  private final Path uploads;

  BlobStore(Path root) throws IOException {
    this.blobs = Files.createDirectories(root.resolve("blobs").resolve("sha256"));
    this.uploads = Files.createDirectories(root.resolve("uploads"));
  }

  Path path(Digest digest) {
    return blobs.resolve(digest.hex());
  }

  boolean exists(Digest digest) {
    return Files.isRegularFile(path(digest));
  }

  /** The blob's size, or -1 when it is not stored. */
  long size(Digest digest) {
    try {
      return Files.size(path(digest));
    } catch (NoSuchFileException e) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the bytes of uploads in flight live; never served. */
  Path uploadsDirectory() {
    return uploads;
  }

  /**
   * Stores {@code in} as {@code expected}: streamed to a temporary file and hashed on the way;
   * {@code DIGEST_INVALID} and nothing stored when the bytes are another digest's.
   */
  void write(InputStream in, Digest expected) throws IOException {
    Path temp = Files.createTempFile(uploads, "blob-", ".tmp");
    try {
      MessageDigest sha = Digest.sha256();
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        append(in, ch, sha);
        ch.force(true);
      }
      commit(temp, Digest.fromHash(sha.digest()), expected);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Moves a finished file whose bytes hash to {@code actual} to {@code expected}'s place; refuses
   * with {@code DIGEST_INVALID} when the two differ. The caller synced the file.
   */
  void commit(Path file, Digest actual, Digest expected) throws IOException {
    if (!actual.equals(expected)) {
      throw RegistryException.of(ErrorCode.DIGEST_INVALID, Map.of("expected", expected.toString(), "actual", actual.toString()));
    }
    // rename(2) replaces atomically: a concurrent push of the same blob leaves the same bytes
    Files.move(file, path(expected), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Copies {@code in} to the end of {@code ch}, feeding {@code sha}; returns the bytes copied. */
  static long append(InputStream in, FileChannel ch, MessageDigest sha) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; total += n) {
      sha.update(buffer, 0, n);
      ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
      while (bb.hasRemaining()) {
        ch.write(bb);
      }
    }
    return total;
  }

  /** Removes a blob from storage (garbage collection only; repositories unlink instead). */
  boolean delete(Digest digest) throws IOException {
    return Files.deleteIfExists(path(digest));
  }

  /** Every stored blob. */
  List<Digest> list() throws IOException {
    List<Digest> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(blobs)) {
      files.map(p -> "sha256:" + p.getFileName()).filter(Digest::isDigest).forEach(d -> all.add(Digest.parse(d)));
    }
    return all;
  }
}
