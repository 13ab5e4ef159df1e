package io.wharf.engine.content;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Blobs by digest. Reading: {@link #exists}, {@link #size}, {@link #open}. Writing: take a
 * {@link #writer()}, write the bytes, {@link ContentWriter#commit(Digest, long) commit} with
 * the digest and size you expect (or none, to learn the digest): the blob becomes visible
 * whole, under its true digest, or not at all. Writing a blob that exists already is a no-op
 * commit. Example:
 *
 * <pre>{@code
 * try (ContentWriter w = store.writer()) {
 *   in.transferTo(w);
 *   Digest d = w.commit(expected, size);   // throws InvalidArgument on mismatch
 * }
 * }</pre>
 *
 * Implementations are thread-safe.
 */
public interface ContentStore {
  boolean exists(Digest digest);

  /** The blob's size in bytes; NotFound when absent. */
  long size(Digest digest) throws IOException;

  /** The blob's bytes; NotFound when absent. */
  InputStream open(Digest digest) throws IOException;

  /** The whole blob, for small ones (configs, manifests). */
  default byte[] read(Digest digest) throws IOException {
    try (InputStream in = open(digest)) {
      return in.readAllBytes();
    }
  }

  /** A writer for a new blob; close it uncommitted to discard what was written. */
  ContentWriter writer() throws IOException;

  /** Stores {@code bytes} and returns their digest. */
  default Digest write(byte[] bytes) throws IOException {
    try (ContentWriter writer = writer()) {
      writer.write(bytes);
      return writer.commit();
    }
  }

  /** Removes the blob if present. */
  void delete(Digest digest) throws IOException;

  /** Every blob's digest. */
  Set<Digest> list() throws IOException;
}
