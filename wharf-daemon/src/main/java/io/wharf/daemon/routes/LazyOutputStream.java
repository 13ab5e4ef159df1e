package io.wharf.daemon.routes;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * An OutputStream that opens its target on the first byte written: an answer whose status
 * depends on whether the work fails before producing anything (save of an unknown image is a
 * 404, not a 200 with an empty tar). Not thread-safe.
 */
final class LazyOutputStream extends OutputStream {
  private final Supplier<OutputStream> opener;
  private OutputStream target;

  LazyOutputStream(Supplier<OutputStream> opener) {
    this.opener = opener;
  }

  private OutputStream target() {
    if (target == null) {
      target = opener.get();
    }
    return target;
  }

  @Override
  public void write(int b) throws IOException {
    target().write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    target().write(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    if (target != null) {
      target.flush();
    }
  }

  @Override
  public void close() throws IOException {
    target().close();
  }
}
