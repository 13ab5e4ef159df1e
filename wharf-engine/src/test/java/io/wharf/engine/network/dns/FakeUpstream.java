package io.wharf.engine.network.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * An upstream DNS server on 127.0.0.1 for the tests, UDP and TCP on one port, answering each
 * query with a function of it (null: no answer), and keeping the queries it got.
 */
final class FakeUpstream implements AutoCloseable {
  final List<byte[]> udpQueries = new CopyOnWriteArrayList<>();
  final List<byte[]> tcpQueries = new CopyOnWriteArrayList<>();
  private final DatagramSocket udp;
  private final ServerSocket tcp;

  FakeUpstream(UnaryOperator<byte[]> udpAnswer, UnaryOperator<byte[]> tcpAnswer) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    DatagramSocket datagrams = new DatagramSocket(new InetSocketAddress(loopback, 0));
    ServerSocket listener = null;
    while (listener == null) {
      try {
        listener = new ServerSocket(datagrams.getLocalPort(), 16, loopback);
      } catch (BindException e) {
        // TCP's port of that number is taken: try another
        datagrams.close();
        datagrams = new DatagramSocket(new InetSocketAddress(loopback, 0));
      }
    }
    udp = datagrams;
    tcp = listener;
    Thread.ofVirtual().start(() -> serveUdp(udpAnswer));
    Thread.ofVirtual().start(() -> serveTcp(tcpAnswer));
  }

  /** An upstream answering over UDP only. */
  static FakeUpstream udp(UnaryOperator<byte[]> answer) throws IOException {
    return new FakeUpstream(answer, query -> null);
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort());
  }

  @Override
  public void close() throws IOException {
    udp.close();
    tcp.close();
  }

  private void serveUdp(UnaryOperator<byte[]> answer) {
    byte[] buffer = new byte[65535];
    while (!udp.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        udp.receive(packet);
        byte[] query = Arrays.copyOf(buffer, packet.getLength());
        udpQueries.add(query);
        byte[] reply = answer.apply(query);
        if (reply != null) {
          udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serveTcp(UnaryOperator<byte[]> answer) {
    while (!tcp.isClosed()) {
      try (Socket connection = tcp.accept()) {
        DataInputStream in = new DataInputStream(connection.getInputStream());
        byte[] query = new byte[in.readUnsignedShort()];
        in.readFully(query);
        tcpQueries.add(query);
        byte[] reply = answer.apply(query);
        if (reply != null) {
          connection.getOutputStream().write(DnsClient.frame(reply));
        }
      } catch (IOException e) {
        if (tcp.isClosed()) {
          return;
        }
      }
    }
  }
}
