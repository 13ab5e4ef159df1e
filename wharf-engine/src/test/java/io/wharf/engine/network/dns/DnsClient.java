package io.wharf.engine.network.dns;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A small DNS client for the tests: builds queries, sends them over UDP or TCP, reads the replies. */
final class DnsClient {
  private DnsClient() {}

  /** A reply as the tests look at it. */
  record Reply(int id, int flags, int questions, List<String> questionNames, List<Answer> answers) {
    int rcode() {
      return flags & 0xF;
    }

    boolean truncated() {
      return (flags & 0x0200) != 0;
    }

    List<String> addresses() {
      return answers.stream().filter(a -> a.type() == DnsMessage.TYPE_A).map(Answer::data).toList();
    }
  }

  /** An answer record; {@code data} is an address for A, a name for PTR. */
  record Answer(String name, int type, long ttl, String data) {}

  static byte[] query(int id, String name, int type) {
    return query(id, 0, List.of(name), type, false);
  }

  /** A query with RD set, {@code names} as its questions, and an EDNS OPT record of 4096 bytes if {@code edns}. */
  static byte[] query(int id, int flags, List<String> names, int type, boolean edns) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(12).putShort((short) id).putShort((short) (0x0100 | flags))
        .putShort((short) names.size()).putShort((short) 0).putShort((short) 0).putShort((short) (edns ? 1 : 0))
        .array());
    for (String name : names) {
      out.writeBytes(DnsName.encode(DnsName.labels(name)));
      out.writeBytes(ByteBuffer.allocate(4).putShort((short) type).putShort((short) DnsMessage.CLASS_IN).array());
    }
    if (edns) {
      out.writeBytes(new byte[] {0, 0, 41, 0x10, 0, 0, 0, 0, 0, 0, 0});
    }
    return out.toByteArray();
  }

  static Reply udp(InetSocketAddress server, byte[] query) throws IOException {
    byte[] reply = udpRaw(server, query, 5000);
    if (reply == null) {
      throw new SocketTimeoutException("no reply from " + server);
    }
    return parse(reply);
  }

  /** The raw reply to {@code packet}, or null when none came in {@code millis}. */
  static byte[] udpRaw(InetSocketAddress server, byte[] packet, int millis) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      socket.setSoTimeout(millis);
      socket.send(new DatagramPacket(packet, packet.length, server));
      DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
      socket.receive(reply);
      return Arrays.copyOf(reply.getData(), reply.getLength());
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  static Reply tcp(InetSocketAddress server, byte[] query) throws IOException {
    try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(frame(query));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] reply = new byte[in.readUnsignedShort()];
      in.readFully(reply);
      return parse(reply);
    }
  }

  static byte[] frame(byte[] message) {
    return ByteBuffer.allocate(2 + message.length).putShort((short) message.length).put(message).array();
  }

  static Reply parse(byte[] reply) {
    try {
      ByteBuffer header = ByteBuffer.wrap(reply);
      int id = header.getShort() & 0xFFFF;
      int flags = header.getShort() & 0xFFFF;
      int questions = header.getShort() & 0xFFFF;
      int answers = header.getShort() & 0xFFFF;
      int position = 12;
      List<String> names = new ArrayList<>();
      for (int i = 0; i < questions; i++) {
        DnsName.Read name = DnsName.read(reply, position);
        names.add(String.join(".", name.labels()));
        position = name.end() + 4;
      }
      List<Answer> records = new ArrayList<>();
      for (int i = 0; i < answers; i++) {
        DnsName.Read name = DnsName.read(reply, position);
        ByteBuffer fixed = ByteBuffer.wrap(reply, name.end(), 10);
        int type = fixed.getShort() & 0xFFFF;
        fixed.getShort();
        long ttl = fixed.getInt() & 0xFFFFFFFFL;
        int length = fixed.getShort() & 0xFFFF;
        int data = name.end() + 10;
        String text = switch (type) {
          case DnsMessage.TYPE_A -> InetAddress.getByAddress(Arrays.copyOfRange(reply, data, data + 4))
              .getHostAddress();
          case DnsMessage.TYPE_PTR -> String.join(".", DnsName.read(reply, data).labels());
          default -> "";
        };
        records.add(new Answer(String.join(".", name.labels()), type, ttl, text));
        position = data + length;
      }
      return new Reply(id, flags, questions, names, records);
    } catch (DnsFormatException | IOException e) {
      throw new AssertionError("unreadable reply", e);
    }
  }

  /** A reply to {@code query} (its ID and question) with the given flags and A records, as an upstream sends it. */
  static byte[] reply(byte[] query, int flags, List<String> addresses) {
    try {
      DnsName.Read name = DnsName.read(query, 12);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(ByteBuffer.allocate(12).put(query, 0, 2).putShort((short) (0x8180 | flags))
          .putShort((short) 1).putShort((short) addresses.size()).putShort((short) 0).putShort((short) 0).array());
      out.write(query, 12, name.end() + 4 - 12);
      for (String address : addresses) {
        out.writeBytes(ByteBuffer.allocate(16).putShort((short) 0xC00C).putShort((short) 1).putShort((short) 1)
            .putInt(60).putShort((short) 4).put(InetAddress.ofLiteral(address).getAddress()).array());
      }
      return out.toByteArray();
    } catch (DnsFormatException e) {
      throw new AssertionError(e);
    }
  }
}
