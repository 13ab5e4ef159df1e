package io.wharf.registry.client;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The daemon's {@code insecure-registries}: registries that may present any certificate and
 * may be reached over plain HTTP. Entries are {@code host[:port]} or CIDRs; loopback
 * registries are always insecure, as Docker's default {@code 127.0.0.0/8} makes them.
 * Immutable.
 */
final class InsecureRegistries {
  private final Set<String> hosts = new HashSet<>();
  private final List<Cidr> networks = new ArrayList<>();

  InsecureRegistries(Set<String> entries) {
    for (String entry : entries) {
      Cidr cidr = Cidr.parse(entry.trim());
      if (cidr != null) {
        networks.add(cidr);
      } else {
        hosts.add(Hosts.normalize(entry));
      }
    }
  }

  /** True when {@code registry} ({@code host[:port]}) may skip TLS verification and use HTTP. */
  boolean contains(String registry) {
    String normalized = Hosts.normalize(registry);
    if (hosts.contains(normalized) || Hosts.isLoopback(normalized)) {
      return true;
    }
    if (networks.isEmpty()) {
      return false;
    }
    for (InetAddress address : Hosts.addresses(Hosts.hostname(normalized))) {
      for (Cidr network : networks) {
        if (network.contains(address)) {
          return true;
        }
      }
    }
    return false;
  }

  /** An address block, {@code 10.0.0.0/8}. */
  private record Cidr(byte[] prefix, int bits) {
    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      if (slash < 0) {
        return null;
      }
      String address = text.substring(0, slash);
      if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        return null;
      }
      try {
        byte[] prefix = InetAddress.getByName(address).getAddress();
        int bits = Integer.parseInt(text.substring(slash + 1));
        return bits < 0 || bits > prefix.length * 8 ? null : new Cidr(prefix, bits);
      } catch (IOException | NumberFormatException e) {
        return null;
      }
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != prefix.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
