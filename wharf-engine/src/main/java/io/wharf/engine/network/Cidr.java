package io.wharf.engine.network;

import io.wharf.oci.errors.InvalidArgument;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 subnet ({@code 172.18.0.0/16}) or an address with its prefix ({@code 172.18.0.2/16}).
 * Addresses are handled as unsigned 32-bit values in a long. Immutable.
 *
 * @param address the address as written (for a subnet, its first address once {@link #network}ed)
 * @param prefix 0 to 32
 */
public record Cidr(long address, int prefix) {
  public Cidr {
    if (prefix < 0 || prefix > 32 || address < 0 || address > 0xFFFFFFFFL) {
      throw new InvalidArgument("invalid CIDR address: " + format(address) + "/" + prefix);
    }
  }

  /** Parses {@code a.b.c.d/n} (or a bare address, as /32); errors name the text. */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    try {
      long address = parseAddress(slash < 0 ? text : text.substring(0, slash));
      int prefix = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1));
      return new Cidr(address, prefix);
    } catch (NumberFormatException | InvalidArgument e) {
      throw new InvalidArgument("invalid CIDR address: " + text);
    }
  }

  /** A dotted IPv4 address as a number. */
  public static long parseAddress(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new InvalidArgument("invalid IPv4 address: " + text);
    }
    long value = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        throw new InvalidArgument("invalid IPv4 address: " + text);
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw new InvalidArgument("invalid IPv4 address: " + text);
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  public static String format(long address) {
    return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
  }

  public static Inet4Address inet(long address) {
    try {
      return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) (address >> 24), (byte) (address >> 16),
          (byte) (address >> 8), (byte) address});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  long mask() {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  /** The subnet this address is in: the host bits cleared. */
  public Cidr network() {
    return new Cidr(address & mask(), prefix);
  }

  /** The first address of the subnet. */
  public long first() {
    return address & mask();
  }

  /** The last address of the subnet (its broadcast address). */
  public long last() {
    return first() | (~mask() & 0xFFFFFFFFL);
  }

  public boolean contains(long other) {
    return (other & mask()) == first();
  }

  public boolean overlaps(Cidr other) {
    return contains(other.first()) || other.contains(first());
  }

  /** {@code address} with this prefix ({@code 172.18.0.2/16}). */
  public Cidr withAddress(long other) {
    return new Cidr(other, prefix);
  }

  public String addressText() {
    return format(address);
  }

  @Override
  public String toString() {
    return format(address) + "/" + prefix;
  }
}
