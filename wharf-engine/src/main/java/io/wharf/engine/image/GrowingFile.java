package io.wharf.engine.image;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A layer's scratch file that its unpack may read while its download still writes it: a layer
 * whose turn comes while it downloads (the layers below it are in) is unpacked from the bytes
 * already there and then from the ones that follow, instead of after its last byte. The reader
 * sees the end only once the writer {@link #finish finished} (the download checked the blob's
 * digest), and the writer's {@link #fail failure} as its own. Thread-safe: one writer, one reader.
 */
final class GrowingFile {
  private final Path path;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition grown = lock.newCondition();
  private long written;
  private boolean finished;
  private Throwable failure;

  GrowingFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  /** Where the download writes: {@code out}, the file's own stream, with every byte counted. */
  OutputStream sink(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        grew(len);
      }

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }
    };
  }

  private void grew(long bytes) {
    lock.lock();
    try {
      written += bytes;
      grown.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The download is complete and verified: a reader may see the end. */
  void finish() {
    lock.lock();
    try {
      finished = true;
      grown.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The download failed: a reader's next wait throws. */
  void fail(Throwable cause) {
    lock.lock();
    try {
      failure = cause;
      grown.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean finished() {
    lock.lock();
    try {
      return finished;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The file from its first byte, as far as the download got and then as it goes on; opened
   * now, so that it stays readable when the download's clean-up deletes it.
   */
  InputStream reader() throws IOException {
    InputStream file = Files.newInputStream(path);
    return new InputStream() {
      private long position;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        long available = awaitBeyond(position);
        if (available < 0) {
          return -1;
        }
        int n = file.read(b, off, (int) Math.min(len, available));
        if (n > 0) {
          position += n;
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        file.close();
      }
    };
  }

  /** How many bytes are written beyond {@code position}, once there are any; -1 at the verified end. */
  private long awaitBeyond(long position) throws IOException {
    lock.lock();
    try {
      while (true) {
        if (failure != null) {
          throw new IOException("the download of " + path.getFileName() + " failed: " + failure.getMessage(), failure);
        }
        if (written > position) {
          return written - position;
        }
        if (finished) {
          return -1;
        }
        try {
          grown.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while waiting for " + path.getFileName());
        }
      }
    } finally {
      lock.unlock();
    }
  }
}
