package io.wharf.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One netlink request being built: a {@code struct nlmsghdr}, the family's fixed header
 * ({@code ifinfomsg}, {@code ifaddrmsg}, {@code rtmsg}), then attributes ({@code struct nlattr}:
 * 16-bit length and type, payload padded to 4 bytes), nested ones between {@link #begin} and
 * {@link #end}. Also reads the attributes of a reply. Everything is in the host's byte order,
 * as the kernel expects. Not thread-safe.
 */
final class NetlinkMessage {
  static final int HEADER = 16;
  static final int NLM_F_REQUEST = 0x1;
  static final int NLM_F_ACK = 0x4;
  static final int NLM_F_DUMP = 0x300;
  static final int NLM_F_EXCL = 0x200;
  static final int NLM_F_CREATE = 0x400;

  private final ByteBuffer buffer = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());

  /** A message of {@code type} (RTM_*) with {@code flags} besides NLM_F_REQUEST. */
  NetlinkMessage(int type, int flags) {
    buffer.putInt(0).putShort((short) type).putShort((short) (NLM_F_REQUEST | flags)).putInt(0).putInt(0);
  }

  /** Appends a {@code struct ifinfomsg} (VETH_INFO_PEER's payload starts with one too). */
  NetlinkMessage ifinfomsg(int family, int index, int ifFlags, int change) {
    buffer.put((byte) family).put((byte) 0).putShort((short) 0).putInt(index).putInt(ifFlags).putInt(change);
    return this;
  }

  /** Appends a {@code struct ifaddrmsg}. */
  NetlinkMessage ifaddrmsg(int family, int prefixLength, int scope, int index) {
    buffer.put((byte) family).put((byte) prefixLength).put((byte) 0).put((byte) scope).putInt(index);
    return this;
  }

  /** Appends a {@code struct rtmsg}: no source, no TOS, no flags. */
  NetlinkMessage rtmsg(int family, int destinationLength, int table, int protocol, int scope, int type) {
    buffer.put((byte) family).put((byte) destinationLength).put((byte) 0).put((byte) 0)
        .put((byte) table).put((byte) protocol).put((byte) scope).put((byte) type).putInt(0);
    return this;
  }

  NetlinkMessage put(int type, byte[] value) {
    buffer.putShort((short) (4 + value.length)).putShort((short) type).put(value);
    return pad();
  }

  NetlinkMessage putInt(int type, int value) {
    buffer.putShort((short) 8).putShort((short) type).putInt(value);
    return this;
  }

  /** A NUL-terminated string attribute, as IFLA_IFNAME and IFLA_INFO_KIND are. */
  NetlinkMessage putString(int type, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    byte[] terminated = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, terminated, 0, bytes.length);
    return put(type, terminated);
  }

  /** Opens a nested attribute; returns its position for {@link #end}. */
  int begin(int type) {
    int start = buffer.position();
    buffer.putShort((short) 0).putShort((short) type);
    return start;
  }

  NetlinkMessage end(int start) {
    buffer.putShort(start, (short) (buffer.position() - start));
    return this;
  }

  /** The finished message with {@code sequence}, from position 0 to its end. */
  ByteBuffer finish(int sequence) {
    buffer.putInt(0, buffer.position()).putInt(8, sequence);
    return buffer.duplicate().order(ByteOrder.nativeOrder()).flip();
  }

  private NetlinkMessage pad() {
    while ((buffer.position() & 3) != 0) {
      buffer.put((byte) 0);
    }
    return this;
  }

  /**
   * The attributes of {@code body} from {@code offset} to its limit, by type (nested flag
   * removed), each a slice holding only its payload. A later duplicate replaces an earlier one.
   */
  static Map<Integer, ByteBuffer> attributes(ByteBuffer body, int offset) {
    Map<Integer, ByteBuffer> attributes = new HashMap<>();
    int at = offset;
    while (at + 4 <= body.limit()) {
      int length = Short.toUnsignedInt(body.getShort(at));
      int type = body.getShort(at + 2) & 0x3fff;
      if (length < 4 || at + length > body.limit()) {
        break;
      }
      attributes.put(type, body.slice(at + 4, length - 4).order(ByteOrder.nativeOrder()));
      at += (length + 3) & ~3;
    }
    return attributes;
  }

  /** A string attribute's value without its terminating NUL. */
  static String string(ByteBuffer value) {
    int length = 0;
    while (length < value.limit() && value.get(length) != 0) {
      length++;
    }
    byte[] bytes = new byte[length];
    value.get(0, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static byte[] bytes(ByteBuffer value) {
    byte[] bytes = new byte[value.limit()];
    value.get(0, bytes);
    return bytes;
  }
}
