package io.wharf.daemon.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A request body as an InputStream, fed by the event loop with the chunks Netty decodes and
 * read by the route's virtual thread. Backpressure: when more than {@link #HIGH} chunks wait,
 * the channel stops reading from the socket until the reader has caught up. Thread-safe for
 * one producer (the event loop) and one consumer.
 */
final class BodyStream extends InputStream {
  private static final int HIGH = 32;
  private static final int LOW = 8;
  private static final ByteBuf END = io.netty.buffer.Unpooled.EMPTY_BUFFER;
  private final LinkedBlockingQueue<ByteBuf> chunks = new LinkedBlockingQueue<>();
  private final Channel channel;
  private ByteBuf current;
  private volatile boolean ended;
  private volatile boolean aborted;
  private boolean eof;
  private volatile boolean closed;

  BodyStream(Channel channel) {
    this.channel = channel;
  }

  /** Called on the event loop with a retained chunk. */
  void offer(ByteBuf chunk) {
    if (chunk.isReadable() && !closed) {
      chunks.add(chunk);
      if (chunks.size() > HIGH) {
        channel.config().setAutoRead(false);
        // The reader may have emptied the queue meanwhile, while reading was still on: it
        // would then wait for a chunk that never comes. Only it takes chunks, so a queue below
        // LOW now means it has caught up.
        if (chunks.size() < LOW) {
          channel.config().setAutoRead(true);
        }
      }
    } else {
      chunk.release();
    }
  }

  /** Called on the event loop after the last chunk. */
  void end() {
    ended = true;
    chunks.add(END);
  }

  /** Called when the connection closes before the end of the body. */
  void abort() {
    if (!ended) {
      aborted = true;
      chunks.add(END);
    }
  }

  /** True once the whole body has arrived (it may still be unread). */
  boolean complete() {
    return ended;
  }

  private boolean nextChunk() throws IOException {
    while (current == null || !current.isReadable()) {
      if (current != null) {
        current.release();
        current = null;
      }
      if (eof || closed) {
        return false;
      }
      ByteBuf next;
      try {
        next = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading the request body", e);
      }
      if (chunks.size() < LOW && !channel.config().isAutoRead()) {
        channel.config().setAutoRead(true);
      }
      if (next == END) {
        eof = true;
        if (aborted) {
          throw new IOException("the client closed the connection before the end of the request body");
        }
        return false;
      }
      current = next;
    }
    return true;
  }

  @Override
  public int read() throws IOException {
    return nextChunk() ? current.readByte() & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!nextChunk()) {
      return -1;
    }
    int n = Math.min(len, current.readableBytes());
    current.readBytes(b, off, n);
    return n;
  }

  @Override
  public void close() {
    closed = true;
    if (current != null) {
      current.release();
      current = null;
    }
    ByteBuf chunk;
    while ((chunk = chunks.poll()) != null) {
      if (chunk != END) {
        chunk.release();
      }
    }
  }
}
