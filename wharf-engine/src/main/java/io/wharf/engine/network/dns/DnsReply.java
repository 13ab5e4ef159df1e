package io.wharf.engine.network.dns;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The replies the server writes itself, as Docker's resolver writes them (miekg/dns {@code
 * SetReply} plus recursion available): the query's ID, opcode and RD bit, RA set, not
 * authoritative, the first question only, and answers whose owner name is a compression pointer
 * to that question, with a TTL of 600 seconds. Stateless; thread-safe.
 */
final class DnsReply {
  static final int TTL = 600;
  private static final int QUESTION_POINTER = 0xC000 | DnsMessage.HEADER_LENGTH;
  private static final int FLAG_RESPONSE = 0x8000;
  private static final int FLAG_TRUNCATED = 0x0200;
  private static final int FLAG_RECURSION_AVAILABLE = 0x0080;
  /** Pointer, type, class, TTL and data length of an answer. */
  private static final int ANSWER_HEAD = 12;

  private DnsReply() {}

  /**
   * A records for every address, in the given order, as many as fit in {@code limit} bytes; with
   * the TC bit when some did not (Docker trims the answers of a UDP reply the same way).
   */
  static byte[] addresses(DnsMessage query, List<Inet4Address> addresses, int limit) {
    byte[] question = question(query);
    int room = (limit - DnsMessage.HEADER_LENGTH - question.length) / (ANSWER_HEAD + 4);
    int count = Math.clamp(room, 0, addresses.size());
    ByteBuffer reply = ByteBuffer.allocate(DnsMessage.HEADER_LENGTH + question.length + count * (ANSWER_HEAD + 4));
    header(reply, query, count < addresses.size() ? FLAG_TRUNCATED : 0, DnsMessage.NOERROR, count).put(question);
    for (Inet4Address address : addresses.subList(0, count)) {
      answerHead(reply, DnsMessage.TYPE_A, 4).put(address.getAddress());
    }
    return reply.array();
  }

  /** A PTR record naming {@code name} ({@code "web.front"}; the root label is added). */
  static byte[] pointer(DnsMessage query, String name) {
    byte[] question = question(query);
    byte[] target = DnsName.encode(DnsName.labels(name));
    ByteBuffer reply = ByteBuffer.allocate(DnsMessage.HEADER_LENGTH + question.length + ANSWER_HEAD + target.length);
    header(reply, query, 0, DnsMessage.NOERROR, 1).put(question);
    answerHead(reply, DnsMessage.TYPE_PTR, target.length).put(target);
    return reply.array();
  }

  /** NOERROR without answers: the name is Wharf's, but has no record of the type asked. */
  static byte[] empty(DnsMessage query) {
    return bare(query, 0, DnsMessage.NOERROR);
  }

  /** An error reply ({@code SERVFAIL}, {@code NOTIMP}, ...) with no answers. */
  static byte[] error(DnsMessage query, int rcode) {
    return bare(query, 0, rcode);
  }

  /**
   * {@code relayed} if it fits in {@code limit} bytes; else the same answer emptied and marked
   * truncated, so that the client asks again over TCP.
   */
  static byte[] fit(byte[] relayed, DnsMessage query, int limit) {
    return relayed.length <= limit ? relayed : bare(query, FLAG_TRUNCATED, relayed[3] & 0xF);
  }

  private static byte[] bare(DnsMessage query, int flags, int rcode) {
    byte[] question = question(query);
    ByteBuffer reply = ByteBuffer.allocate(DnsMessage.HEADER_LENGTH + question.length);
    return header(reply, query, flags, rcode, 0).put(question).array();
  }

  private static ByteBuffer header(ByteBuffer reply, DnsMessage query, int flags, int rcode, int answers) {
    int copied = query.opcode() << 11 | (query.recursionDesired() ? 0x0100 : 0);
    reply.putShort((short) query.id());
    reply.putShort((short) (FLAG_RESPONSE | FLAG_RECURSION_AVAILABLE | copied | flags | rcode));
    return reply.putShort((short) 1).putShort((short) answers).putShort((short) 0).putShort((short) 0);
  }

  private static ByteBuffer answerHead(ByteBuffer reply, int type, int dataLength) {
    reply.putShort((short) QUESTION_POINTER).putShort((short) type).putShort((short) DnsMessage.CLASS_IN);
    return reply.putInt(TTL).putShort((short) dataLength);
  }

  private static byte[] question(DnsMessage query) {
    DnsMessage.Question question = query.question();
    byte[] name = DnsName.encode(question.labels());
    return ByteBuffer.allocate(name.length + 4).put(name)
        .putShort((short) question.type()).putShort((short) question.dnsClass()).array();
  }
}
