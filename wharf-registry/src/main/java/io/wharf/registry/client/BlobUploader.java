package io.wharf.registry.client;

import io.wharf.oci.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Uploads a blob as the distribution spec describes: {@code HEAD} to skip a blob the
 * repository has, a cross-repository mount when another repository of the registry has it,
 * else {@code POST} to open an upload and either one {@code PUT} with the whole blob or
 * {@code PATCH} chunks and a closing {@code PUT}. Thread-safe.
 */
final class BlobUploader {
  /** Blobs up to this size go in one {@code PUT}; bigger ones in chunks. */
  static final long MONOLITHIC_LIMIT = 32L * 1024 * 1024;
  /** The chunk size, unless the registry asks for more ({@code OCI-Chunk-Min-Length}). */
  static final int CHUNK = 16 * 1024 * 1024;
  private static final String OCTETS = "application/octet-stream";

  private final Transport transport;

  BlobUploader(Transport transport) {
    this.transport = transport;
  }

  /** Whether {@code digest} is in {@code ref}'s repository. */
  boolean exists(Endpoint endpoint, ImageReference ref, io.wharf.oci.Digest digest, Scopes scopes) throws IOException {
    URI uri = endpoint.uri("/v2/" + ref.path() + "/blobs/" + digest);
    HttpResponse<InputStream> response = transport.send(endpoint, scopes, Transport.Call.of("HEAD", uri, Map.of()));
    if (response.statusCode() == 404) {
      Transport.discard(response);
      return false;
    }
    Transport.complete(response, 200);
    return true;
  }

  /** Uploads {@code blob}, unless the repository has it or the registry mounts it from {@code mountFrom}. */
  BlobPush push(Endpoint endpoint, ImageReference ref, Descriptor blob, Supplier<InputStream> content, String mountFrom) throws IOException {
    String from = mountFrom == null || mountFrom.isEmpty() || mountFrom.equals(ref.path()) ? null : mountFrom;
    Scopes scopes = Scopes.push(ref.path(), from);
    if (exists(endpoint, ref, blob.digest(), scopes)) {
      return BlobPush.PRESENT;
    }
    String uploads = "/v2/" + ref.path() + "/blobs/uploads/";
    String query = from == null ? "" : "?mount=" + blob.digest() + "&from=" + from;
    HttpResponse<InputStream> opened = send(endpoint, scopes, "POST", endpoint.uri(uploads + query), Map.of(), null, true);
    if (from != null && opened.statusCode() == 201) {
      Transport.discard(opened);
      return BlobPush.MOUNTED;
    }
    Transport.complete(opened, 202);
    URI location = location(opened, endpoint.uri(uploads));
    if (blob.size() <= MONOLITHIC_LIMIT) {
      HttpRequest.BodyPublisher body = blob.size() == 0
          ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(content), blob.size());
      finish(endpoint, scopes, blob, location, body);
    } else {
      int chunk = Math.max(CHUNK, opened.headers().firstValue("OCI-Chunk-Min-Length").map(BlobUploader::parseInt).orElse(0));
      finish(endpoint, scopes, blob, patchChunks(endpoint, scopes, blob, content, location, chunk), HttpRequest.BodyPublishers.noBody());
    }
    return BlobPush.UPLOADED;
  }

  /**
   * Uploads what {@code content} gives, whose digest and size nobody knows yet (a layer being
   * compressed on the way): one streamed {@code PATCH}, digested as it goes, then the closing
   * {@code PUT} with that digest, as Docker pushes. Returns the blob's descriptor.
   */
  Descriptor stream(Endpoint endpoint, ImageReference ref, String mediaType, InputStream content) throws IOException {
    Scopes scopes = Scopes.push(ref.path());
    String uploads = "/v2/" + ref.path() + "/blobs/uploads/";
    HttpResponse<InputStream> opened = send(endpoint, scopes, "POST", endpoint.uri(uploads), Map.of(), null, true);
    Transport.complete(opened, 202);
    URI location = location(opened, endpoint.uri(uploads));
    java.security.MessageDigest sha256 = io.wharf.oci.Digest.sha256();
    long[] size = {0};
    InputStream counted = new java.io.FilterInputStream(content) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          sha256.update(b, off, n);
          size[0] += n;
        }
        return n;
      }
    };
    HttpResponse<InputStream> patched = send(endpoint, scopes, "PATCH", location, Map.of("Content-Type", OCTETS),
        HttpRequest.BodyPublishers.ofInputStream(() -> counted), false);
    Transport.complete(patched, 202, 204);
    Descriptor blob = new Descriptor(mediaType, io.wharf.oci.Digest.fromHash(sha256.digest()), size[0],
        java.util.List.of());
    finish(endpoint, scopes, blob, location(patched, location), HttpRequest.BodyPublishers.noBody());
    return blob;
  }

  /** Sends the blob in chunks of {@code chunk} bytes; returns where to {@code PUT} the end. */
  private URI patchChunks(Endpoint endpoint, Scopes scopes, Descriptor blob, Supplier<InputStream> content, URI location, int chunk)
      throws IOException {
    URI next = location;
    long sent = 0;
    try (InputStream in = content.get()) {
      while (sent < blob.size()) {
        byte[] bytes = in.readNBytes((int) Math.min(chunk, blob.size() - sent));
        if (bytes.length == 0) {
          throw new IOException("blob " + blob.digest() + " ended at byte " + sent + " of " + blob.size());
        }
        Map<String, String> headers = Map.of("Content-Type", OCTETS, "Content-Range", sent + "-" + (sent + bytes.length - 1));
        HttpResponse<InputStream> response = send(endpoint, scopes, "PATCH", next, headers, HttpRequest.BodyPublishers.ofByteArray(bytes), false);
        Transport.complete(response, 202, 204);
        next = location(response, next);
        sent += bytes.length;
      }
    }
    return next;
  }

  private void finish(Endpoint endpoint, Scopes scopes, Descriptor blob, URI location, HttpRequest.BodyPublisher body) throws IOException {
    String separator = location.getRawQuery() == null ? "?" : "&";
    URI put = URI.create(location + separator + "digest=" + blob.digest());
    HttpResponse<InputStream> response = send(endpoint, scopes, "PUT", put, Map.of("Content-Type", OCTETS), body, false);
    Transport.complete(response, 201, 204);
  }

  private HttpResponse<InputStream> send(
      Endpoint endpoint, Scopes scopes, String method, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body, boolean timed)
      throws IOException {
    return transport.send(endpoint, scopes, new Transport.Call(method, uri, headers, body, timed));
  }

  /** The upload's {@code Location}, relative to the request's URL as registries may send it. */
  private static URI location(HttpResponse<InputStream> response, URI base) throws IOException {
    String location = response.headers().firstValue("Location")
        .orElseThrow(() -> new IOException("the registry opened an upload without a Location"));
    try {
      return base.resolve(location);
    } catch (IllegalArgumentException e) {
      throw new IOException("the registry sent a bad upload location: " + location, e);
    }
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
