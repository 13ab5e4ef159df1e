package io.wharf.registry.client;

import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a blob to a sink while hashing every byte; the blob is good only if its size and
 * digest match its descriptor. A stream that breaks is resumed once with {@code Range} from
 * where it broke. Thread-safe.
 */
final class BlobDownloader {
  private static final int BUFFER = 64 * 1024;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(?:\\d+|\\*)");

  private final Transport transport;

  BlobDownloader(Transport transport) {
    this.transport = transport;
  }

  /** A read failed at {@code position}: the connection broke, not the registry or the sink. */
  private static final class BrokenStream extends IOException {
    final long position;

    BrokenStream(long position, IOException cause) {
      super(cause.getMessage(), cause);
      this.position = position;
    }
  }

  /**
   * Writes bytes {@code [offset, size)} of {@code blob} to {@code sink}. {@code present} is
   * the hash of bytes {@code [0, offset)}, which the sink already has; when null, those bytes
   * are fetched again to be hashed (not written). {@code present} itself is not changed.
   */
  void fetch(Endpoint endpoint, ImageReference ref, Descriptor blob, long offset, MessageDigest present, OutputStream sink)
      throws IOException {
    if (offset < 0 || offset > blob.size()) {
      throw new IllegalArgumentException("offset " + offset + " outside blob " + blob.digest() + " of " + blob.size() + " bytes");
    }
    MessageDigest hash = present == null ? Digest.sha256() : copy(present);
    long position = present == null ? 0 : offset;
    boolean resumed = false;
    while (true) {
      try {
        transfer(endpoint, ref, blob, position, offset, hash, sink);
        break;
      } catch (BrokenStream broken) {
        if (resumed) {
          throw new IOException("blob " + blob.digest() + ": the stream broke again at byte " + broken.position + ": " + broken.getMessage(), broken);
        }
        resumed = true;
        position = broken.position;
      }
    }
    Digest actual = Digest.fromHash(hash.digest());
    if (!actual.equals(blob.digest())) {
      throw new IOException("digest mismatch for blob: expected " + blob.digest() + ", got " + actual);
    }
  }

  private void transfer(Endpoint endpoint, ImageReference ref, Descriptor blob, long from, long offset, MessageDigest hash, OutputStream sink)
      throws IOException {
    var uri = endpoint.uri("/v2/" + ref.path() + "/blobs/" + blob.digest());
    Map<String, String> headers = from > 0 ? Map.of("Range", "bytes=" + from + "-") : Map.of();
    HttpResponse<InputStream> response = transport.send(endpoint, Scopes.pull(ref.path()), Transport.Call.of("GET", uri, headers));
    Transport.expect(response, 200, 206);
    long position = from;
    try (InputStream in = response.body()) {
      if (from > 0) {
        skipTo(response, in, from, blob);
      }
      byte[] buffer = new byte[BUFFER];
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (IOException e) {
          throw new BrokenStream(position, e);
        }
        if (n < 0) {
          break;
        }
        if (position + n > blob.size()) {
          throw new IOException("blob " + blob.digest() + " is larger than its descriptor's " + blob.size() + " bytes");
        }
        hash.update(buffer, 0, n);
        int skip = Math.clamp(offset - position, 0, n);
        if (skip < n) {
          sink.write(buffer, skip, n - skip);
        }
        position += n;
      }
    }
    if (position < blob.size()) {
      throw new BrokenStream(position, new EOFException("stream ended at byte " + position + " of " + blob.size()));
    }
  }

  /** Positions a resumed stream at {@code from}: a 206 starts there, a 200 (Range ignored) is skipped ahead. */
  private static void skipTo(HttpResponse<InputStream> response, InputStream in, long from, Descriptor blob) throws IOException {
    if (response.statusCode() == 206) {
      String range = response.headers().firstValue("Content-Range").orElse("");
      Matcher matcher = CONTENT_RANGE.matcher(range);
      if (!matcher.matches() || Long.parseLong(matcher.group(1)) != from) {
        throw new IOException("blob " + blob.digest() + ": asked for bytes from " + from + ", the registry sent range '" + range + "'");
      }
      return;
    }
    try {
      in.skipNBytes(from);
    } catch (IOException e) {
      throw new BrokenStream(from, e);
    }
  }

  private static MessageDigest copy(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 cannot be cloned", e);
    }
  }
}
