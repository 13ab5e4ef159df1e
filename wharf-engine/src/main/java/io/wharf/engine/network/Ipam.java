package io.wharf.engine.network;

import io.wharf.oci.errors.InvalidArgument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Wharf's IP address management: subnets for new networks from Docker's default pools
 * (172.17–31.0.0/16, then 192.168.0.0/20 steps), skipping any that overlaps a route of the host
 * or another network — 172.17.0.0/16 is never taken, as a real Docker on the same host uses it —
 * and container addresses from a network's range: the first free one after the gateway. Stateless.
 */
final class Ipam {
  private Ipam() {}

  /** The default pools, in the order they are tried. */
  static List<Cidr> pools() {
    List<Cidr> pools = new ArrayList<>();
    for (int b = 18; b <= 31; b++) {
      pools.add(Cidr.parse("172." + b + ".0.0/16"));
    }
    for (int c = 0; c < 256; c += 16) {
      pools.add(Cidr.parse("192.168." + c + ".0/20"));
    }
    return pools;
  }

  /** The first default pool that overlaps none of {@code taken}. */
  static Cidr chooseSubnet(Collection<Cidr> taken) {
    for (Cidr pool : pools()) {
      if (taken.stream().noneMatch(t -> t.overlaps(pool))) {
        return pool;
      }
    }
    throw new InvalidArgument("could not find an available, non-overlapping IPv4 address pool among the defaults to "
        + "assign to the network");
  }

  /** The gateway Docker picks: the subnet's first usable address. */
  static long defaultGateway(Cidr subnet) {
    return subnet.first() + 1;
  }

  /**
   * The first free address of {@code range} (within {@code subnet}), skipping the network and
   * broadcast addresses, the gateway and {@code used}.
   */
  static long allocate(Cidr subnet, Cidr range, long gateway, Set<Long> used) {
    Cidr pool = range == null ? subnet : range;
    for (long a = Math.max(pool.first(), subnet.first() + 1); a <= Math.min(pool.last(), subnet.last() - 1); a++) {
      if (a != gateway && !used.contains(a)) {
        return a;
      }
    }
    throw new InvalidArgument("no available IPv4 addresses on this network's address pools: " + subnet);
  }
}
