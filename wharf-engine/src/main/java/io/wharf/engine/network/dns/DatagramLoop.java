package io.wharf.engine.network.dns;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * DNS over UDP for every scope: one platform thread selects over all the UDP channels (a host may
 * run hundreds of containers, each with its own), reads each query and hands it to a virtual
 * thread, which answers it and sends the reply; the selector never waits for a resolver or an
 * upstream. Like Docker's resolver, at most 1024 queries are in flight; more are dropped, and
 * their clients retry.
 *
 * <p>Thread-safe: channels are added and removed from any thread; only the loop's thread touches
 * the selector. A {@link DatagramChannel} allows a reader and a writer at once, so replies are
 * sent from the virtual threads while the loop reads.
 */
final class DatagramLoop implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DatagramLoop.class.getName());
  private static final int MAX_IN_FLIGHT = 1024;
  private final QueryHandler handler;
  private final ExecutorService queries;
  private final Selector selector;
  private final Queue<Registration> added = new ConcurrentLinkedQueue<>();
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(DnsMessage.MAX_LENGTH);
  private final Thread thread;

  private record Registration(String scope, DatagramChannel channel) {}

  DatagramLoop(QueryHandler handler, ExecutorService queries) throws IOException {
    this.handler = handler;
    this.queries = queries;
    this.selector = Selector.open();
    this.thread = Thread.ofPlatform().daemon().name("wharf-dns-udp").start(this::run);
  }

  /** Starts reading {@code channel}, a bound UDP channel, for {@code scope}. */
  void add(String scope, DatagramChannel channel) throws IOException {
    channel.configureBlocking(false);
    added.add(new Registration(scope, channel));
    selector.wakeup();
  }

  /** Stops reading {@code channel} and closes it. */
  void remove(DatagramChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing a DNS channel", e);
    }
    // The selector releases a closed channel's socket at its next selection.
    selector.wakeup();
  }

  @Override
  public void close() {
    try {
      selector.close();
      thread.join();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing the DNS selector", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (selector.isOpen()) {
        selector.select(this::readSafely);
        for (Registration registration; (registration = added.poll()) != null; ) {
          register(registration);
        }
      }
    } catch (ClosedSelectorException e) {
      // closed by close(): the end of the loop
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.SEVERE, "the DNS selector failed; UDP queries go unanswered", e);
    }
  }

  private void register(Registration registration) {
    try {
      registration.channel().register(selector, SelectionKey.OP_READ, registration.scope());
    } catch (ClosedChannelException e) {
      // removed before it was registered
    }
  }

  private void readSafely(SelectionKey key) {
    try {
      read(key);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "reading a DNS query", e);
    }
  }

  /** Reads every datagram waiting on the key's channel. */
  private void read(SelectionKey key) {
    DatagramChannel channel = (DatagramChannel) key.channel();
    String scope = (String) key.attachment();
    while (key.isValid()) {
      SocketAddress client;
      buffer.clear();
      try {
        client = channel.receive(buffer);
      } catch (IOException e) {
        LOG.log(Level.FINE, e, () -> "reading a DNS query for " + scope);
        return;
      }
      if (client == null) {
        return;
      }
      byte[] packet = new byte[buffer.flip().remaining()];
      buffer.get(packet);
      if (!inFlight.tryAcquire()) {
        LOG.warning(() -> "more than " + MAX_IN_FLIGHT + " DNS queries in flight; dropping one for " + scope);
        continue;
      }
      try {
        queries.execute(() -> answer(scope, channel, client, packet));
      } catch (RejectedExecutionException e) {
        inFlight.release();
        return;
      }
    }
  }

  private void answer(String scope, DatagramChannel channel, SocketAddress client, byte[] packet) {
    try {
      byte[] reply = handler.handle(scope, packet, false);
      if (reply != null) {
        // A full socket buffer drops the reply, as the network would; the client retries.
        channel.send(ByteBuffer.wrap(reply), client);
      }
    } catch (ClosedChannelException e) {
      // the scope was stopped while its query was answered
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, e, () -> "answering a DNS query for " + scope);
    } finally {
      inFlight.release();
    }
  }
}
