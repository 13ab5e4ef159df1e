package io.wharf.registry.server;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The upload sessions in flight. Sessions live in memory, their bytes in {@code uploads/}: a
 * restarted registry has forgotten them (clients start the upload again, as after an expired
 * session), so opening the store clears what an earlier process left there. Thread-safe.
 */
final class Uploads {
  private final BlobStore blobs;
  private final Map<String, Upload> sessions = new ConcurrentHashMap<>();

  Uploads(BlobStore blobs) throws IOException {
    this.blobs = blobs;
    try (Stream<Path> stale = Files.list(blobs.uploadsDirectory())) {
      for (Path p : stale.toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  Upload start(RepositoryName repository) throws IOException {
    String id = UUID.randomUUID().toString();
    Upload upload = new Upload(id, repository, blobs.uploadsDirectory().resolve(id));
    sessions.put(id, upload);
    return upload;
  }

  /** The session {@code id} of {@code repository}; {@code BLOB_UPLOAD_UNKNOWN} otherwise. */
  Upload get(RepositoryName repository, String id) {
    Upload upload = sessions.get(id);
    if (upload == null || !upload.repository.equals(repository)) {
      throw RegistryException.of(ErrorCode.BLOB_UPLOAD_UNKNOWN, Map.of("uuid", id));
    }
    return upload;
  }

  /**
   * Ends the session and stores its bytes as {@code expected}; when they are another digest's,
   * the session's bytes are dropped and {@code DIGEST_INVALID} thrown: nothing is stored.
   */
  void finish(Upload upload, Digest expected) throws IOException {
    sessions.remove(upload.id);
    try {
      Upload.Finished done = upload.finish();
      blobs.commit(done.file(), done.digest(), expected);
    } finally {
      upload.discard();
    }
  }

  void cancel(Upload upload) throws IOException {
    sessions.remove(upload.id);
    upload.discard();
  }
}
