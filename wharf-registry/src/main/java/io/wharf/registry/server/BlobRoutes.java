package io.wharf.registry.server;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code GET|HEAD|DELETE /v2/<name>/blobs/<digest>}. A blob is served under a repository that
 * has it (pushed, mounted, or one of its manifests), with {@code Range} honoured (206). DELETE
 * unlinks it from the repository; {@code wharf registry gc} frees the bytes. Thread-safe.
 */
final class BlobRoutes {
  private final BlobStore blobs;
  private final Repositories repositories;

  BlobRoutes(BlobStore blobs, Repositories repositories) {
    this.blobs = blobs;
    this.repositories = repositories;
  }

  void get(Exchange ex) throws IOException {
    RepositoryName name = ex.name();
    Digest digest = ex.digestPart("digest");
    if (!repositories.hasBlob(name, digest) && repositories.revision(name, digest).isEmpty()) {
      throw unknown(digest);
    }
    FileChannel ch;
    try {
      ch = FileChannel.open(blobs.path(digest), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw unknown(digest);
    }
    try (ch) {
      long size = ch.size();
      ByteRange range = ByteRange.parse(ex.header("Range"), size);
      ex.header("Docker-Content-Digest", digest.toString())
          .header("ETag", "\"" + digest + "\"")
          .header("Accept-Ranges", "bytes")
          .header("Cache-Control", "max-age=31536000")
          .header("Content-Type", "application/octet-stream");
      if (range == null) {
        ex.send(200, Channels.newInputStream(ch), size);
      } else {
        ch.position(range.start());
        ex.header("Content-Range", range.contentRange(size));
        ex.send(206, Channels.newInputStream(ch), range.length());
      }
    }
  }

  void delete(Exchange ex) throws IOException {
    Digest digest = ex.digestPart("digest");
    if (!repositories.unlinkBlob(ex.name(), digest)) {
      throw unknown(digest);
    }
    ex.send(202);
  }

  private static RegistryException unknown(Digest digest) {
    return RegistryException.of(ErrorCode.BLOB_UNKNOWN, Map.of("digest", digest.toString()));
  }
}
