package io.wharf.engine.network.dns;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * DNS over TCP (RFC 7766) for one scope: a virtual thread accepts connections, and a virtual
 * thread per connection reads its queries, each behind a two-byte length, and answers them in
 * turn, until the client closes, sends what is not a query, or stays idle for ten seconds.
 * Thread-safe: {@link #close} may be called from any thread, and closes the open connections too.
 */
final class TcpListener implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TcpListener.class.getName());
  static final Duration IDLE = Duration.ofSeconds(10);
  private final String scope;
  private final ServerSocketChannel channel;
  private final QueryHandler handler;
  private final ExecutorService threads;
  private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();

  TcpListener(String scope, ServerSocketChannel channel, QueryHandler handler, ExecutorService threads)
      throws IOException {
    this.scope = scope;
    this.channel = channel;
    this.handler = handler;
    this.threads = threads;
    channel.configureBlocking(true);
  }

  /** Starts accepting connections. */
  void start() {
    threads.execute(this::accept);
  }

  @Override
  public void close() {
    closeQuietly(channel);
    connections.forEach(TcpListener::closeQuietly);
  }

  private void accept() {
    while (channel.isOpen()) {
      try {
        SocketChannel connection = channel.accept();
        connections.add(connection);
        if (!channel.isOpen()) {
          closeQuietly(connection);
          connections.remove(connection);
          return;
        }
        threads.execute(() -> serve(connection));
      } catch (ClosedChannelException | RejectedExecutionException e) {
        return;
      } catch (IOException e) {
        LOG.log(Level.FINE, e, () -> "accepting a DNS connection for " + scope);
      }
    }
  }

  private void serve(SocketChannel connection) {
    try (connection) {
      // The socket adaptor's stream honours SO_TIMEOUT, which a blocking channel read does not.
      Socket socket = connection.socket();
      socket.setSoTimeout((int) IDLE.toMillis());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      while (true) {
        byte[] query = new byte[in.readUnsignedShort()];
        in.readFully(query);
        byte[] reply = handler.handle(scope, query, true);
        if (reply == null) {
          return;
        }
        ByteBuffer framed = ByteBuffer.allocate(2 + reply.length).putShort((short) reply.length).put(reply).flip();
        while (framed.hasRemaining()) {
          connection.write(framed);
        }
      }
    } catch (EOFException | SocketTimeoutException | ClosedChannelException e) {
      // the client is done, idle, or the scope was stopped
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, e, () -> "serving a DNS connection for " + scope);
    } finally {
      connections.remove(connection);
    }
  }

  private static void closeQuietly(Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing a DNS channel", e);
    }
  }
}
