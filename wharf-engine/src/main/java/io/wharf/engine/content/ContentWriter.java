package io.wharf.engine.content;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A blob being written: an OutputStream that digests and counts what passes through it.
 * Not thread-safe: one writer per thread.
 */
public abstract class ContentWriter extends OutputStream {
  /**
   * Makes the blob visible if it has {@code expected} digest and {@code expectedSize} bytes
   * (-1: any size); otherwise throws InvalidArgument and keeps nothing.
   */
  public abstract Digest commit(Digest expected, long expectedSize) throws IOException;

  /** Makes the blob visible under the digest of what was written, and returns it. */
  public abstract Digest commit() throws IOException;

  /** The number of bytes written so far. */
  public abstract long written();
}
