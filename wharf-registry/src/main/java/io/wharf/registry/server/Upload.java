package io.wharf.registry.server;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Map;

/**
 * One blob upload session: the bytes received so far in {@code uploads/<id>}, and their
 * running sha256, so that finishing checks every byte without reading the file again. Chunks
 * are taken in order only; a chunk that fails half-way (the client went away) is taken back, so
 * the session stays at the last whole chunk. Thread-safe: chunks of one session are serialised.
 */
final class Upload {
  final String id;
  final RepositoryName repository;
  private final Path file;
  private MessageDigest sha = Digest.sha256();
  private long size;
  private boolean closed;

  Upload(String id, RepositoryName repository, Path file) throws IOException {
    this.id = id;
    this.repository = repository;
    this.file = file;
    Files.createFile(file);
  }

  synchronized long size() {
    return size;
  }

  /**
   * Appends {@code body}. {@code start} is where the client says the chunk begins ({@code
   * Content-Range}), or -1 when it does not say; a chunk that does not continue the upload is
   * refused with 416 {@code BLOB_UPLOAD_INVALID}. Returns the new size.
   */
  synchronized long append(InputStream body, long start) throws IOException {
    requireOpen();
    if (start >= 0 && start != size) {
      throw RegistryException.of(ErrorCode.BLOB_UPLOAD_INVALID, "chunk starts at " + start + ", upload has " + size + " bytes")
          .withStatus(416).withHeader("Range", range(size));
    }
    MessageDigest before = clone(sha);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.position(size);
      try {
        size += BlobStore.append(body, ch, sha);
      } catch (IOException | RuntimeException e) {
        ch.truncate(size);
        sha = before;
        throw e;
      }
    }
    return size;
  }

  /** Syncs the file and returns it with the digest of its bytes; the session is then closed. */
  synchronized Finished finish() throws IOException {
    requireOpen();
    closed = true;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    return new Finished(file, Digest.fromHash(sha.digest()));
  }

  /** Closes the session and removes its bytes. */
  synchronized void discard() throws IOException {
    closed = true;
    Files.deleteIfExists(file);
  }

  record Finished(Path file, Digest digest) {}

  /**
   * The {@code Range} header of an upload of {@code size} bytes, as distribution writes it:
   * inclusive, without a unit, and {@code 0-0} for an empty upload too.
   */
  static String range(long size) {
    return "0-" + Math.max(0, size - 1);
  }

  private void requireOpen() {
    if (closed) {
      throw RegistryException.of(ErrorCode.BLOB_UPLOAD_UNKNOWN, Map.of("uuid", id));
    }
  }

  private static MessageDigest clone(MessageDigest sha) {
    try {
      return (MessageDigest) sha.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 cannot be cloned", e);
    }
  }
}
