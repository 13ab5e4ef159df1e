package io.wharf.registry.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

/**
 * The plain-HTTP registry's listening socket, in front of the JDK server (which listens on
 * loopback only): each connection is joined to it byte for byte, except one that opens with a
 * TLS handshake record, which gets a plain {@code 400} at once and is closed.
 *
 * <p>Why: skopeo, podman and dockerd try HTTPS first against an insecure registry and fall
 * back to HTTP when that fails. docker/distribution (Go's server) answers the ClientHello with
 * an HTTP 400, which the client reads as "server gave HTTP response to HTTPS client"; the JDK
 * server instead waits for the end of a request line that never comes, so every command sat out
 * the client's TLS handshake timeout (10 s for Go) before its fallback. Thread-safe.
 */
final class PlainDoor implements AutoCloseable {
  private static final byte TLS_HANDSHAKE = 0x16;
  private static final byte[] NOT_TLS = ("HTTP/1.0 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
      + "Connection: close\r\n\r\nClient sent an HTTPS request to an HTTP server.\n").getBytes(StandardCharsets.US_ASCII);

  private final ServerSocketChannel listener;
  private final InetSocketAddress address;
  private final InetSocketAddress inner;
  private final ExecutorService threads;

  private PlainDoor(ServerSocketChannel listener, InetSocketAddress address, InetSocketAddress inner,
      ExecutorService threads) {
    this.listener = listener;
    this.address = address;
    this.inner = inner;
    this.threads = threads;
  }

  /** Listens on {@code addr} and joins connections to {@code inner}, each on a thread of {@code threads}. */
  static PlainDoor open(InetSocketAddress addr, InetSocketAddress inner, ExecutorService threads) throws IOException {
    ServerSocketChannel listener = ServerSocketChannel.open();
    PlainDoor door;
    try {
      listener.bind(addr);
      door = new PlainDoor(listener, (InetSocketAddress) listener.getLocalAddress(), inner, threads);
    } catch (IOException e) {
      listener.close();
      throw e;
    }
    threads.execute(door::accept);
    return door;
  }

  /** The address listened on, with the port chosen when the options said 0. */
  InetSocketAddress address() {
    return address;
  }

  private void accept() {
    while (listener.isOpen()) {
      try {
        SocketChannel client = listener.accept();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return; // the server is stopping
      }
    }
  }

  private void serve(SocketChannel client) {
    try (client) {
      ByteBuffer first = ByteBuffer.allocate(1);
      if (client.read(first) < 1) {
        return;
      }
      if (first.get(0) == TLS_HANDSHAKE) {
        client.write(ByteBuffer.wrap(NOT_TLS));
        lingerOn(client);
        return;
      }
      try (SocketChannel server = SocketChannel.open(inner)) {
        server.setOption(StandardSocketOptions.TCP_NODELAY, true);
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        server.write(first.flip());
        java.util.concurrent.Future<?> answers = threads.submit(() -> copy(server, client));
        copy(client, server);
        answers.get(); // a client that half-closed still reads the answer to its last request
      }
    } catch (IOException | java.util.concurrent.RejectedExecutionException | java.util.concurrent.ExecutionException e) {
      // the client or the server went away; HTTP has nothing to say to it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping
    }
  }

  /**
   * Ends the answer and reads what the client still sends until it closes (a bounded while):
   * closing with its ClientHello unread would reset the connection, and the client might lose
   * the answer it is about to read.
   */
  private static void lingerOn(SocketChannel client) throws IOException {
    client.shutdownOutput();
    java.net.Socket socket = client.socket();
    socket.setSoTimeout(1000);
    InputStream in = socket.getInputStream();
    byte[] discard = new byte[4096];
    for (int total = 0; total < 1 << 16; ) {
      int n = in.read(discard);
      if (n < 0) {
        return;
      }
      total += n;
    }
  }

  /** Copies until {@code from} ends, then ends {@code to}'s output (a half close, as the peer did). */
  private static void copy(SocketChannel from, SocketChannel to) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
    try {
      while (from.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          to.write(buffer);
        }
        buffer.clear();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // one side is gone; closing the other is the caller's
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
