package io.wharf.cli.build;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bytes that a writer produces on a virtual thread, read as a stream through a 64 KiB pipe, so
 * that a context is never whole in memory. A failure of the writer fails the read at the end
 * of what it wrote (as Go's {@code io.Pipe} with {@code CloseWithError}): the daemon must not
 * take a truncated tar for a whole one. Closing the stream stops the writer.
 */
public final class Pipe {
  private static final int BUFFER = 64 * 1024;

  /** What writes into the pipe. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  private Pipe() {}

  public static InputStream from(String name, Writer writer) throws IOException {
    PipedInputStream in = new PipedInputStream(BUFFER);
    PipedOutputStream out = new PipedOutputStream(in);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread.ofVirtual().name(name).start(() -> {
      try {
        // whole buffers into the pipe: each write to it is a lock and a wake-up of the reader
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, BUFFER);
        writer.writeTo(buffered);
        buffered.flush();
      } catch (Throwable t) {
        failure.set(t);
      } finally {
        try {
          out.close();
        } catch (IOException ignored) {
          // the reader has gone: nobody is left to tell
        }
      }
    });
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        Throwable failed = failure.get();
        if (n < 0 && failed != null) {
          throw failed instanceof IOException io ? io : new IOException(failed.getMessage(), failed);
        }
        return n;
      }
    };
  }
}
