package io.wharf.engine.network.dns;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Domain names on the wire (RFC 1035 §3.1): read with compression pointers (§4.1.4), written
 * uncompressed; and the reverse names of IPv4 addresses ({@code 4.3.2.1.in-addr.arpa}). Labels
 * are kept as their bytes (ISO-8859-1), so a name written back is the name read, case included.
 * Stateless; thread-safe.
 */
final class DnsName {
  static final int MAX_LENGTH = 255;
  static final int MAX_LABEL = 63;
  private static final int MAX_POINTERS = 64;

  private DnsName() {}

  /** A name read from a message: its labels, and the offset just after it in the message. */
  record Read(List<String> labels, int end) {}

  /** Reads the name at {@code offset} of {@code message}, following compression pointers. */
  static Read read(byte[] message, int offset) throws DnsFormatException {
    List<String> labels = new ArrayList<>();
    int position = offset;
    int end = -1;
    int length = 1;
    int pointers = 0;
    while (true) {
      if (position >= message.length) {
        throw new DnsFormatException("name runs past the end of the message");
      }
      int size = message[position] & 0xFF;
      if (size == 0) {
        return new Read(List.copyOf(labels), end < 0 ? position + 1 : end);
      }
      if ((size & 0xC0) == 0xC0) {
        if (position + 1 >= message.length) {
          throw new DnsFormatException("compression pointer runs past the end of the message");
        }
        int target = (size & 0x3F) << 8 | message[position + 1] & 0xFF;
        // Only backward pointers, and not too many of them: a pointer loop cannot be followed forever.
        if (target >= position || ++pointers > MAX_POINTERS) {
          throw new DnsFormatException("bad compression pointer at " + position);
        }
        if (end < 0) {
          end = position + 2;
        }
        position = target;
        continue;
      }
      if ((size & 0xC0) != 0) {
        throw new DnsFormatException("reserved label type at " + position);
      }
      length += size + 1;
      if (length > MAX_LENGTH || position + 1 + size > message.length) {
        throw new DnsFormatException("name too long at " + offset);
      }
      labels.add(new String(message, position + 1, size, StandardCharsets.ISO_8859_1));
      position += 1 + size;
    }
  }

  /** The wire form of {@code labels}, ending with the root label. */
  static byte[] encode(List<String> labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_LENGTH);
    for (String label : labels) {
      byte[] bytes = label.getBytes(StandardCharsets.ISO_8859_1);
      if (bytes.length == 0 || bytes.length > MAX_LABEL) {
        throw new IllegalArgumentException("bad label '" + label + "' in " + labels);
      }
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    out.write(0);
    if (out.size() > MAX_LENGTH) {
      throw new IllegalArgumentException("name longer than 255 bytes: " + labels);
    }
    return out.toByteArray();
  }

  /** The labels of a dotted name ({@code "web.front"} or {@code "web.front."}). */
  static List<String> labels(String name) {
    String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    return bare.isEmpty() ? List.of() : List.of(bare.split("\\.", -1));
  }

  /** The dotted text of {@code labels}, ASCII lower-cased, without trailing dot: names compare case-insensitively. */
  static String text(List<String> labels) {
    StringBuilder text = new StringBuilder();
    for (String label : labels) {
      if (!text.isEmpty()) {
        text.append('.');
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        text.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
      }
    }
    return text.toString();
  }

  /** The address named by a reverse name {@code d.c.b.a.in-addr.arpa}, or null for any other name. */
  static Inet4Address reverseAddress(List<String> labels) {
    if (labels.size() != 6 || !text(labels.subList(4, 6)).equals("in-addr.arpa")) {
      return null;
    }
    byte[] address = new byte[4];
    for (int i = 0; i < 4; i++) {
      String label = labels.get(3 - i);
      if (label.length() > 3 || !label.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int octet = Integer.parseInt(label);
      if (octet > 255) {
        return null;
      }
      address[i] = (byte) octet;
    }
    try {
      return (Inet4Address) InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new AssertionError("four bytes are an IPv4 address", e);
    }
  }
}
