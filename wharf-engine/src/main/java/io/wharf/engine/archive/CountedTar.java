package io.wharf.engine.archive;

import io.wharf.oci.errors.InvalidArgument;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A tar's bytes, counted as they pass. A tar is whole 512-byte blocks: one that ends anywhere
 * else was cut short (Go's archive/tar says "unexpected EOF"), which Commons Compress would
 * take for the end of the archive. Every extractor reads its archive through one and checks
 * {@link #requireWholeBlocks} once it has read to the end. Not thread-safe.
 */
public final class CountedTar extends FilterInputStream {
  private long count;

  public CountedTar(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count += skipped;
    return skipped;
  }

  /** After the stream was read to its end: refuses an archive that is not whole blocks. */
  public void requireWholeBlocks() {
    if (count % 512 != 0) {
      throw new InvalidArgument("invalid tar archive: unexpected EOF");
    }
  }
}
