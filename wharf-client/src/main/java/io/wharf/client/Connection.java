package io.wharf.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One HTTP/1.1 connection to the daemon: a blocking JDK socket channel, with Netty's
 * {@link HttpClientCodec} run synchronously in an {@link EmbeddedChannel} to encode requests
 * and decode answers (no event loop, no threads). Not thread-safe: one request at a time.
 */
final class Connection implements AutoCloseable {
  private final SocketChannel socket;
  private final EmbeddedChannel codec = new EmbeddedChannel(new HttpClientCodec());
  private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);

  private Connection(SocketChannel socket) {
    this.socket = socket;
  }

  static Connection open(String host) {
    try {
      if (host.startsWith("unix://")) {
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
          socket.connect(UnixDomainSocketAddress.of(host.substring("unix://".length())));
        } catch (IOException e) {
          socket.close();
          throw e;
        }
        return new Connection(socket);
      }
      if (host.startsWith("tcp://")) {
        URI uri = URI.create(host);
        return new Connection(SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort())));
      }
    } catch (IOException | RuntimeException e) {
      throw new ConnectException(host, e);
    }
    throw new IllegalArgumentException("invalid host " + host + ": use unix:///path or tcp://HOST:PORT");
  }

  /** Sends a request head and, when {@code body} is not null, its body chunked. */
  void send(HttpRequest head, InputStream body) throws IOException {
    codec.writeOutbound(head);
    flushOutbound();
    if (body != null) {
      byte[] chunk = new byte[64 * 1024];
      int n;
      while ((n = body.read(chunk)) > 0) {
        codec.writeOutbound(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk, 0, n)));
        flushOutbound();
      }
    }
    codec.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);
    flushOutbound();
  }

  private void flushOutbound() throws IOException {
    ByteBuf out;
    while ((out = codec.readOutbound()) != null) {
      try {
        ByteBuffer nio = out.nioBuffer();
        while (nio.hasRemaining()) {
          socket.write(nio);
        }
      } finally {
        out.release();
      }
    }
  }

  /** The next decoded HTTP object, reading from the socket as needed; null at end of stream. */
  Object next() throws IOException {
    Object decoded;
    while ((decoded = codec.readInbound()) == null) {
      readBuffer.clear();
      int n = socket.read(readBuffer);
      if (n < 0) {
        codec.finish();
        return codec.readInbound();
      }
      readBuffer.flip();
      codec.writeInbound(Unpooled.copiedBuffer(readBuffer));
    }
    return decoded;
  }

  /** Reads the answer's head. */
  HttpResponse response() throws IOException {
    Object first = next();
    if (first instanceof HttpResponse response) {
      return response;
    }
    throw new IOException("the daemon closed the connection without an answer");
  }

  /** The answer's body, read as it arrives. */
  InputStream body() {
    return new Chunks(false);
  }

  /** Raw bytes after a 101 answer (the codec passes them on undecoded); -1 at the end. */
  InputStream raw() {
    return new Chunks(true);
  }

  /**
   * What the codec decodes, as a stream: the body's contents up to its last chunk, or on a
   * hijacked connection every byte until the daemon closes it (the empty last chunk of the 101
   * answer does not end it, and undecoded bytes are passed on).
   */
  private final class Chunks extends InputStream {
    private final boolean raw;
    private ByteBuf current;
    private boolean done;

    Chunks(boolean raw) {
      this.raw = raw;
    }

    private boolean fill() throws IOException {
      while (current == null || !current.isReadable()) {
        if (current != null) {
          current.release();
          current = null;
        }
        if (done) {
          return false;
        }
        Object next = Connection.this.next();
        if (next == null) {
          done = true;
          return false;
        }
        if (next instanceof HttpContent content) {
          current = content.content();
          if (!raw && content instanceof LastHttpContent) {
            done = true;
          }
        } else if (raw && next instanceof ByteBuf bytes) {
          current = bytes;
        }
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      return fill() ? current.readByte() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, current.readableBytes());
      current.readBytes(b, off, n);
      return n;
    }

    @Override
    public void close() {
      if (current != null) {
        current.release();
        current = null;
      }
    }
  }

  /** Writes raw bytes (stdin on a hijacked stream). */
  void writeRaw(byte[] bytes, int offset, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
    while (buffer.hasRemaining()) {
      socket.write(buffer);
    }
  }

  /** Half-closes the write side (end of stdin on a hijacked stream). */
  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a socket the daemon may have closed first
    }
    codec.finishAndReleaseAll();
  }
}
