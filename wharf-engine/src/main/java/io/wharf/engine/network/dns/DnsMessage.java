package io.wharf.engine.network.dns;

import java.util.List;

/**
 * A DNS message read as far as the server needs it: the header (RFC 1035 §4.1.1), the first
 * question, and for a query the UDP payload size its client announced in an EDNS OPT record (RFC
 * 6891). The other sections of a query are only walked over; those of a response not at all,
 * since a response is relayed as it came. Immutable; thread-safe.
 */
final class DnsMessage {
  static final int HEADER_LENGTH = 12;
  static final int TYPE_A = 1;
  static final int TYPE_PTR = 12;
  static final int TYPE_AAAA = 28;
  static final int TYPE_OPT = 41;
  static final int CLASS_IN = 1;
  static final int CLASS_ANY = 255;
  static final int NOERROR = 0;
  static final int SERVFAIL = 2;
  static final int NOTIMP = 4;
  static final int REFUSED = 5;
  /** The largest UDP message a client without EDNS accepts (RFC 1035 §4.2.1). */
  static final int UDP_LIMIT = 512;
  /** The largest message at all: TCP's length prefix has 16 bits. */
  static final int MAX_LENGTH = 65_535;

  /** The first question: its name as it came (labels), its type and class. */
  record Question(List<String> labels, int type, int dnsClass) {
    /** The name lower-cased, without trailing dot, as {@link DnsResolver} expects it. */
    String name() {
      return DnsName.text(labels);
    }
  }

  private final int id;
  private final int flags;
  private final int questionCount;
  private final Question question;
  private final int udpLimit;

  private DnsMessage(int id, int flags, int questionCount, Question question, int udpLimit) {
    this.id = id;
    this.flags = flags;
    this.questionCount = questionCount;
    this.question = question;
    this.udpLimit = udpLimit;
  }

  /** Reads {@code packet}; throws when it is shorter than its header or its counts say. */
  static DnsMessage parse(byte[] packet) throws DnsFormatException {
    if (packet.length < HEADER_LENGTH || packet.length > MAX_LENGTH) {
      throw new DnsFormatException("a message of " + packet.length + " bytes");
    }
    int flags = u16(packet, 2);
    int questions = u16(packet, 4);
    boolean response = (flags & 0x8000) != 0;
    Question first = null;
    int position = HEADER_LENGTH;
    for (int i = 0; i < questions && (i == 0 || !response); i++) {
      DnsName.Read name = DnsName.read(packet, position);
      position = need(packet, name.end(), 4);
      if (first == null) {
        first = new Question(name.labels(), u16(packet, name.end()), u16(packet, name.end() + 2));
      }
    }
    int udpLimit = UDP_LIMIT;
    if (!response) {
      int records = u16(packet, 6) + u16(packet, 8);
      for (int i = 0; i < records; i++) {
        position = skipRecord(packet, position);
      }
      for (int i = 0; i < u16(packet, 10); i++) {
        DnsName.Read name = DnsName.read(packet, position);
        need(packet, name.end(), 10);
        if (u16(packet, name.end()) == TYPE_OPT) {
          udpLimit = Math.max(UDP_LIMIT, u16(packet, name.end() + 2));
        }
        position = skipRecord(packet, position);
      }
    }
    return new DnsMessage(u16(packet, 0), flags, questions, first, udpLimit);
  }

  int id() {
    return id;
  }

  /** Whether the QR bit is set: a response, never answered. */
  boolean isResponse() {
    return (flags & 0x8000) != 0;
  }

  int opcode() {
    return flags >> 11 & 0xF;
  }

  boolean truncated() {
    return (flags & 0x0200) != 0;
  }

  boolean recursionDesired() {
    return (flags & 0x0100) != 0;
  }

  int rcode() {
    return flags & 0xF;
  }

  int questionCount() {
    return questionCount;
  }

  /** The first question, or null when there is none. */
  Question question() {
    return question;
  }

  /** The largest UDP reply the client accepts: 512 bytes, or more if it said so with EDNS. */
  int udpLimit() {
    return udpLimit;
  }

  /** The ID of {@code packet}, which must hold a header. */
  static int id(byte[] packet) {
    return u16(packet, 0);
  }

  private static int skipRecord(byte[] packet, int offset) throws DnsFormatException {
    int position = need(packet, DnsName.read(packet, offset).end(), 10);
    return need(packet, position, u16(packet, position - 2));
  }

  /** The offset after {@code length} more bytes at {@code offset}, which must be in the packet. */
  private static int need(byte[] packet, int offset, int length) throws DnsFormatException {
    if (offset + length > packet.length) {
      throw new DnsFormatException("message ends at " + packet.length + " before " + (offset + length));
    }
    return offset + length;
  }

  private static int u16(byte[] packet, int offset) {
    return (packet[offset] & 0xFF) << 8 | packet[offset + 1] & 0xFF;
  }
}
