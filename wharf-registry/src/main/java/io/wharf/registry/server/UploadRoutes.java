package io.wharf.registry.server;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blob uploads: {@code POST /v2/<name>/blobs/uploads/} opens a session, stores the body at
 * once ({@code ?digest=}), or mounts a blob of another repository ({@code ?mount=&from=}, a
 * normal session when that repository does not have it); {@code PATCH} appends a chunk, {@code
 * PUT ?digest=} appends the last bytes and finishes, {@code GET} tells the progress, {@code
 * DELETE} cancels. Progress is reported as distribution does: {@code Range: 0-<last byte>},
 * {@code 0-0} for an empty session. Thread-safe.
 */
final class UploadRoutes {
  private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?\\s*(\\d+)-(\\d+)(?:/\\S+)?");
  private final BlobStore blobs;
  private final Repositories repositories;
  private final Uploads uploads;

  UploadRoutes(BlobStore blobs, Repositories repositories, Uploads uploads) {
    this.blobs = blobs;
    this.repositories = repositories;
    this.uploads = uploads;
  }

  void start(Exchange ex) throws IOException {
    RepositoryName name = ex.name();
    String mount = ex.query("mount");
    if (mount != null && mount(ex, name, mount)) {
      return;
    }
    String digest = ex.query("digest");
    if (digest != null) {
      Digest expected = Exchange.digest(digest);
      blobs.write(ex.body(), expected);
      repositories.linkBlob(name, expected);
      created(ex, name, expected);
      return;
    }
    progress(ex, uploads.start(name), 202);
  }

  void patch(Exchange ex) throws IOException {
    Upload upload = uploads.get(ex.name(), ex.part("id"));
    append(ex, upload);
    progress(ex, upload, 202);
  }

  void finish(Exchange ex) throws IOException {
    RepositoryName name = ex.name();
    Upload upload = uploads.get(name, ex.part("id"));
    String digest = ex.query("digest");
    if (digest == null) {
      throw RegistryException.of(ErrorCode.DIGEST_INVALID, "the digest parameter is required");
    }
    Digest expected = Exchange.digest(digest);
    append(ex, upload);
    uploads.finish(upload, expected);
    repositories.linkBlob(name, expected);
    created(ex, name, expected);
  }

  void status(Exchange ex) throws IOException {
    progress(ex, uploads.get(ex.name(), ex.part("id")), 204);
  }

  void cancel(Exchange ex) throws IOException {
    uploads.cancel(uploads.get(ex.name(), ex.part("id")));
    ex.send(204);
  }

  /**
   * Mounts when the blob is stored and {@code from} has it; without {@code from}, any stored
   * blob is mounted (the spec's 1.1 "automatic content discovery": there is one set of
   * credentials, so nothing to hide between repositories).
   */
  private boolean mount(Exchange ex, RepositoryName name, String mount) throws IOException {
    if (!Digest.isDigest(mount)) {
      return false;
    }
    Digest digest = Digest.parse(mount);
    String from = ex.query("from");
    boolean available = blobs.exists(digest) && (from == null
        || RepositoryName.isValid(from) && repositories.hasBlob(new RepositoryName(from), digest));
    if (available) {
      repositories.linkBlob(name, digest);
      created(ex, name, digest);
    }
    return available;
  }

  /**
   * Appends the body; a {@code Content-Range} must continue the upload and match the length. A
   * refused chunk's 416 names the session and its progress ({@code Location}, {@code Range}), as
   * distribution's does, so that the client can resume without asking.
   */
  private static void append(Exchange ex, Upload upload) throws IOException {
    String header = ex.header("Content-Range");
    long start = -1;
    try {
      if (header != null) {
        start = chunkStart(header, ex.header("Content-Length"));
        if (start < 0) {
          throw RegistryException.of(ErrorCode.BLOB_UPLOAD_INVALID, "invalid Content-Range: " + header)
              .withStatus(416).withHeader("Range", Upload.range(upload.size()));
        }
      }
      upload.append(ex.body(), start);
    } catch (RegistryException e) {
      throw e.status == 416 ? e.withHeader("Location", location(upload)) : e;
    }
  }

  /** Where a {@code Content-Range: <start>-<end>} chunk starts; -1 when the header is invalid. */
  private static long chunkStart(String header, String contentLength) {
    Matcher m = CONTENT_RANGE.matcher(header.strip());
    try {
      if (!m.matches()) {
        return -1;
      }
      long start = Long.parseLong(m.group(1));
      long end = Long.parseLong(m.group(2));
      boolean lengthMatches = contentLength == null || Long.parseLong(contentLength.strip()) == end - start + 1;
      return end >= start && lengthMatches ? start : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void progress(Exchange ex, Upload upload, int status) throws IOException {
    ex.header("Location", location(upload))
        .header("Range", Upload.range(upload.size()))
        .header("Docker-Upload-UUID", upload.id)
        .header("Blob-Upload-Session-ID", upload.id)
        .send(status);
  }

  private static String location(Upload upload) {
    return "/v2/" + upload.repository + "/blobs/uploads/" + upload.id;
  }

  private static void created(Exchange ex, RepositoryName name, Digest digest) throws IOException {
    ex.header("Location", "/v2/" + name + "/blobs/" + digest)
        .header("Docker-Content-Digest", digest.toString())
        .send(201);
  }
}
