package io.wharf.engine.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A layer's compressed bytes on their way from its download straight to its unpack: a bounded
 * buffer in memory between the thread that writes them as they arrive ({@link #sink}) and the
 * one that reads them ({@link #source}). The reader sees the end only once the writer calls
 * {@link #end}, which the download does after the blob's digest checked out, and the writer's
 * {@link #fail failure} as a failure of its own; so an unpack that reads its input to the end
 * before it keeps anything keeps nothing of a blob that is not the one the manifest names. A
 * reader that closes before the end makes the writer's next write fail. Thread-safe: one
 * writer, one reader.
 */
final class LayerPipe {
  private static final int CAPACITY = 1 << 20;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition();
  private final Condition writable = lock.newCondition();
  private byte[] ring; // made by the first write: most layers never stream
  private int head;
  private int count;
  private boolean ended;
  private boolean closed;
  private Throwable failure;

  /** Where the download writes. Closing it does not end the pipe: {@link #end} does. */
  OutputStream sink() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int off, int len) throws IOException {
        put(bytes, off, len);
      }
    };
  }

  /** What the unpack reads; closing it lets go of the rest. */
  InputStream source() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] bytes, int off, int len) throws IOException {
        return take(bytes, off, len);
      }

      @Override
      public void close() {
        lock.lock();
        try {
          closed = true;
          ring = null;
          count = 0;
          writable.signal();
        } finally {
          lock.unlock();
        }
      }
    };
  }

  /** The writer is done and every byte was good: the reader gets the end once it read the rest. */
  void end() {
    lock.lock();
    try {
      ended = true;
      readable.signal();
    } finally {
      lock.unlock();
    }
  }

  /** The writer failed: the reader's next read throws, naming {@code cause}. */
  void fail(Throwable cause) {
    lock.lock();
    try {
      if (!closed) {
        failure = cause;
      }
      readable.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the writer failed while the reader still read: a failure of the download's own. */
  boolean failed() {
    lock.lock();
    try {
      return failure != null;
    } finally {
      lock.unlock();
    }
  }

  private void put(byte[] bytes, int off, int len) throws IOException {
    lock.lock();
    try {
      while (len > 0) {
        while (!closed && ring != null && count == ring.length) {
          writable.await();
        }
        if (closed) {
          throw new IOException("the layer's unpack stopped reading");
        }
        if (ring == null) {
          ring = new byte[CAPACITY];
        }
        int tail = (head + count) % ring.length;
        int n = Math.min(len, Math.min(ring.length - count, ring.length - tail));
        System.arraycopy(bytes, off, ring, tail, n);
        count += n;
        off += n;
        len -= n;
        readable.signal();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("layer download interrupted");
    } finally {
      lock.unlock();
    }
  }

  private int take(byte[] bytes, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    lock.lock();
    try {
      while (failure == null && count == 0 && !ended && !closed) {
        readable.await();
      }
      if (closed) {
        throw new IOException("stream closed");
      }
      if (failure != null) {
        throw new IOException("layer download failed: " + failure.getMessage(), failure);
      }
      if (count == 0) {
        return -1;
      }
      int n = Math.min(len, Math.min(count, ring.length - head));
      System.arraycopy(ring, head, bytes, off, n);
      head = (head + n) % ring.length;
      count -= n;
      writable.signal();
      return n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("layer unpack interrupted");
    } finally {
      lock.unlock();
    }
  }
}
