package io.wharf.engine.network.dns;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forwards a query to the upstream servers, in order, and gives back the first usable answer:
 * each upstream is asked over UDP, with a timeout; a truncated answer is asked again over TCP of
 * the same upstream. As Docker's resolver does, an upstream that answers SERVFAIL or REFUSED, or
 * does not answer in time, is passed over for the next one.
 *
 * <p>Blocking: called on virtual threads. The sockets are opened in wharfd's own network
 * namespace, so upstreams on the host's loopback (systemd-resolved's {@code 127.0.0.53}) are
 * reachable, as they are for Docker. Thread-safe: every forward uses its own sockets.
 */
final class Forwarder {
  private static final Logger LOG = Logger.getLogger(Forwarder.class.getName());
  private final List<InetSocketAddress> upstreams;
  private final Duration timeout;

  Forwarder(List<InetSocketAddress> upstreams, Duration timeout) {
    this.upstreams = List.copyOf(upstreams);
    this.timeout = timeout;
  }

  /** The answer of the first upstream that gives one to {@code query} (sent unchanged), or null when none did. */
  byte[] forward(byte[] query) {
    int id = DnsMessage.id(query);
    for (InetSocketAddress upstream : upstreams) {
      try {
        byte[] answer = overUdp(upstream, query, id);
        if (DnsMessage.parse(answer).truncated()) {
          answer = retryOverTcp(upstream, query, id, answer);
        }
        int rcode = DnsMessage.parse(answer).rcode();
        if (rcode != DnsMessage.SERVFAIL && rcode != DnsMessage.REFUSED) {
          return answer;
        }
        LOG.fine(() -> "upstream " + upstream + " answered with rcode " + rcode);
      } catch (IOException | DnsFormatException e) {
        LOG.log(Level.FINE, e, () -> "upstream " + upstream + " failed");
      }
    }
    return null;
  }

  private byte[] overUdp(InetSocketAddress upstream, byte[] query, int id) throws IOException, DnsFormatException {
    try (DatagramSocket socket = new DatagramSocket()) {
      // Connected: the kernel drops datagrams from anyone but the upstream.
      socket.connect(upstream);
      socket.send(new DatagramPacket(query, query.length));
      long deadline = System.nanoTime() + timeout.toNanos();
      byte[] buffer = new byte[DnsMessage.MAX_LENGTH];
      while (true) {
        long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (left <= 0) {
          throw new SocketTimeoutException("no answer from " + upstream + " in " + timeout);
        }
        socket.setSoTimeout((int) left);
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        byte[] answer = Arrays.copyOf(buffer, packet.getLength());
        if (answers(answer, id)) {
          return answer;
        }
      }
    }
  }

  /** The answer over TCP; the truncated one when TCP fails, as the client may then retry over TCP itself. */
  private byte[] retryOverTcp(InetSocketAddress upstream, byte[] query, int id, byte[] truncated) {
    try (Socket socket = new Socket()) {
      int millis = (int) timeout.toMillis();
      socket.connect(upstream, millis);
      socket.setSoTimeout(millis);
      OutputStream out = socket.getOutputStream();
      out.write(ByteBuffer.allocate(2 + query.length).putShort((short) query.length).put(query).array());
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] answer = new byte[in.readUnsignedShort()];
      in.readFully(answer);
      if (!answers(answer, id)) {
        throw new EOFException("not an answer to query " + id);
      }
      return answer;
    } catch (IOException e) {
      LOG.log(Level.FINE, e, () -> "TCP retry of a truncated answer from " + upstream + " failed");
      return truncated;
    }
  }

  private static boolean answers(byte[] answer, int id) {
    try {
      DnsMessage message = DnsMessage.parse(answer);
      return message.isResponse() && message.id() == id;
    } catch (DnsFormatException e) {
      return false;
    }
  }
}
