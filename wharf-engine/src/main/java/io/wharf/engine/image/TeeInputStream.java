package io.wharf.engine.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A stream that copies every byte read from it to an output, as it is read: one pass over a
 * layer both stores it (the output is a content writer, which digests it) and unpacks it (the
 * reader). Skipping reads, so that skipped bytes are copied too; mark and reset are not
 * supported, so that no byte is copied twice. Not thread-safe.
 */
final class TeeInputStream extends FilterInputStream {
  private final OutputStream copy;

  TeeInputStream(InputStream in, OutputStream copy) {
    super(in);
    this.copy = copy;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      copy.write(b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int off, int len) throws IOException {
    int n = super.read(buffer, off, len);
    if (n > 0) {
      copy.write(buffer, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    return n <= 0 ? 0 : Math.max(0, read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192)));
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void mark(int limit) {
  }

  @Override
  public void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }
}
