package io.wharf.cli.commands;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code IPAM.Config} of {@code network create}, as the docker 28 CLI builds it
 * ({@code createIPAMConfig}): one pool per {@code --subnet}; each {@code --ip-range},
 * {@code --gateway} and {@code --aux-address} goes to the subnet that contains it, not to the
 * subnet at its position; overlapping subnets, a second range or gateway for one subnet, and
 * an address no subnet holds are refused with docker's messages (as IllegalArgumentException).
 * Stateless.
 */
final class IpamPools {
  private IpamPools() {}

  /** A parsed {@code 10.0.0.0/24}: the address's bytes (4 or 16) and the prefix length. */
  private record Cidr(byte[] address, int bits) {
    boolean contains(byte[] ip) {
      if (ip == null || ip.length != address.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((address[bit / 8] & mask) != (ip[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  static List<Map<String, Object>> config(List<String> subnets, List<String> ipRanges, List<String> gateways,
      Map<String, String> auxAddresses) {
    if (subnets.size() < ipRanges.size() || subnets.size() < gateways.size()) {
      throw new IllegalArgumentException("every ip-range or gateway must have a corresponding subnet");
    }
    Map<String, Map<String, Object>> pools = new LinkedHashMap<>();
    for (String subnet : subnets) {
      for (String other : pools.keySet()) {
        if (matches(subnet, other) || matches(other, subnet)) {
          throw new IllegalArgumentException("multiple overlapping subnet configuration is not supported");
        }
      }
      Map<String, Object> pool = new LinkedHashMap<>();
      pool.put("Subnet", subnet);
      pools.put(subnet, pool);
    }
    assign(subnets, pools, ipRanges, "IPRange", "range", "cannot configure multiple ranges (%s, %s) on the same subnet (%s)");
    assign(subnets, pools, gateways, "Gateway", "gateway",
        "cannot configure multiple gateways (%s, %s) for the same subnet (%s)");
    auxAddresses.forEach((name, address) -> {
      boolean matched = false;
      for (String subnet : subnets) {
        if (matches(subnet, address)) {
          @SuppressWarnings("unchecked")
          Map<String, String> aux = (Map<String, String>) pools.get(subnet)
              .computeIfAbsent("AuxiliaryAddresses", k -> new java.util.TreeMap<String, String>());
          aux.put(name, address);
          matched = true;
        }
      }
      if (!matched) {
        throw new IllegalArgumentException("no matching subnet for aux-address " + address);
      }
    });
    return new ArrayList<>(pools.values());
  }

  private static void assign(List<String> subnets, Map<String, Map<String, Object>> pools, List<String> values,
      String field, String what, String twice) {
    for (String value : values) {
      boolean matched = false;
      for (String subnet : subnets) {
        if (!matches(subnet, value)) {
          continue;
        }
        Map<String, Object> pool = pools.get(subnet);
        if (pool.containsKey(field)) {
          throw new IllegalArgumentException(String.format(twice, value, pool.get(field), subnet));
        }
        pool.put(field, value);
        matched = true;
      }
      if (!matched) {
        throw new IllegalArgumentException("no matching subnet for " + what + " " + value);
      }
    }
  }

  /** docker's {@code subnetMatches}: whether {@code subnet} holds the address (or the CIDR's address) {@code data}. */
  private static boolean matches(String subnet, String data) {
    Cidr network;
    try {
      network = cidr(subnet);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid subnet: " + e.getMessage());
    }
    byte[] ip = data.contains("/") ? cidr(data).address() : address(data);
    return network.contains(ip);
  }

  /** Go's net.ParseCIDR. */
  private static Cidr cidr(String text) {
    int slash = text.indexOf('/');
    byte[] address = slash < 0 ? null : address(text.substring(0, slash));
    String mask = slash < 0 ? "" : text.substring(slash + 1);
    if (address == null || !mask.matches("[0-9]{1,7}") || Integer.parseInt(mask) > address.length * 8) {
      throw new IllegalArgumentException("invalid CIDR address: " + text);
    }
    return new Cidr(address, Integer.parseInt(mask));
  }

  /** The bytes of an IP address, or null when {@code text} is not one (Go's net.ParseIP). */
  private static byte[] address(String text) {
    return FlagValues.isIpAddress(text) ? InetAddress.ofLiteral(text).getAddress() : null;
  }
}
