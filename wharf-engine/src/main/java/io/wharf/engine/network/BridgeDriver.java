package io.wharf.engine.network;

import io.wharf.sys.Namespaces;
import io.wharf.sys.Netlink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The kernel side of bridge networks, through netlink (no process spawned): a Linux bridge with
 * the gateway address per network, and per container endpoint a veth pair whose inner end is
 * created straight in the container's network namespace as {@code eth<n>}, with the endpoint's
 * address and MAC, and the default route through the first network's gateway. Also the
 * iptables rules of each bridge ({@link Firewall}). Thread-safe.
 */
final class BridgeDriver {
  private static final Logger LOG = Logger.getLogger(BridgeDriver.class.getName());

  private final String ifTag;
  private final Firewall firewall;

  BridgeDriver(String ifTag, Firewall firewall) {
    this.ifTag = ifTag;
    this.firewall = firewall;
  }

  /** The bridge name of network {@code id}: {@code w<tag>-<8 hex>}, 15 characters at most. */
  String bridgeName(String networkId) {
    return "w" + ifTag + "-" + networkId.substring(0, 8);
  }

  /** The host side of endpoint {@code endpointId}'s veth pair. */
  String vethName(String endpointId) {
    return "v" + ifTag + endpointId.substring(0, 9);
  }

  /** True for the kernel objects this daemon names (bridges and veths). */
  boolean ours(String link) {
    return link.startsWith("w" + ifTag + "-") || (link.startsWith("v" + ifTag) && link.length() == 15);
  }

  /** Makes (or finds) the bridge of {@code network}, its gateway address, and routing for it. */
  void up(Network network) throws IOException {
    try (Netlink nl = Netlink.open()) {
      if (nl.linkIndex(network.bridge()) < 0) {
        nl.createBridge(network.bridge());
      }
      String gateway = Cidr.format(network.gateway()) + "/" + network.subnet().prefix();
      if (!nl.addresses(network.bridge()).contains(gateway)) {
        nl.addAddress(network.bridge(), Cidr.inet(network.gateway()), network.subnet().prefix());
      }
      nl.setUp(network.bridge());
    }
    sysctl("net/ipv4/ip_forward", "1");
    // published ports on 127.0.0.1 are DNATed to the bridge: the kernel must route loopback sources there
    sysctl("net/ipv4/conf/" + network.bridge() + "/route_localnet", "1");
  }

  /** The iptables rules of {@code network}'s bridge: masquerading out, isolation, {@code --internal}. */
  List<List<String>> rules(Network network) {
    String br = network.bridge();
    List<String> nat = new ArrayList<>();
    List<String> filter = new ArrayList<>();
    String post = firewall.postChain();
    String fwd = firewall.forwardChain();
    nat.add(post + " -s 127.0.0.0/8 -o " + br + " -j MASQUERADE");
    nat.add(post + " -s " + network.subnet().network() + " -o " + br + " -m conntrack --ctstate DNAT -j MASQUERADE");
    filter.add(fwd + " -i " + br + " -o " + br + " -j ACCEPT");
    if (network.internal()) {
      filter.add(fwd + " -i " + br + " -j DROP");
      filter.add(fwd + " -o " + br + " -j DROP");
    } else {
      nat.add(post + " -s " + network.subnet().network() + " ! -o " + br + " -j MASQUERADE");
      filter.add(fwd + " -i " + br + " -o w" + ifTag + "+ -j DROP");
      filter.add(fwd + " -i " + br + " -j ACCEPT");
    }
    return List.of(nat, filter);
  }

  /** Deletes the bridge of {@code network} (its rules are the caller's). */
  void down(Network network) throws IOException {
    try (Netlink nl = Netlink.open()) {
      nl.deleteLink(network.bridge());
    }
  }

  /**
   * Connects the namespace {@code netns} to {@code network}: a veth pair, {@code eth<index>} inside
   * with {@code ip}, and the default route when {@code defaultRoute}.
   */
  void connect(Network network, Endpoint endpoint, Path netns, int index, long ip, boolean defaultRoute)
      throws IOException {
    String host = vethName(endpoint.id());
    String inside = "eth" + index;
    byte[] mac = mac(ip);
    try (Netlink nl = Netlink.open()) {
      nl.deleteLink(host); // a crash may have left it
      nl.createVeth(host, inside, netns);
      nl.setMaster(host, network.bridge());
      nl.setUp(host);
    }
    Namespaces.inNetns(netns, () -> {
      try (Netlink nl = Netlink.open()) {
        nl.setMac(inside, mac);
        nl.addAddress(inside, Cidr.inet(ip), network.subnet().prefix());
        nl.setUp(inside);
        if (defaultRoute && !network.internal()) {
          nl.addDefaultRoute(Cidr.inet(network.gateway()));
        }
      }
      return null;
    });
  }

  /** Removes the host side of an endpoint's veth pair (its peer goes with it). */
  void disconnect(Endpoint endpoint) {
    try (Netlink nl = Netlink.open()) {
      nl.deleteLink(vethName(endpoint.id()));
    } catch (IOException e) {
      LOG.warning("removing the veth of endpoint " + endpoint.id() + ": " + e.getMessage());
    }
  }

  /** The links of the host's namespace that this daemon named. */
  List<String> ourLinks() throws IOException {
    try (Netlink nl = Netlink.open()) {
      return nl.linkNames().stream().filter(this::ours).toList();
    }
  }

  void deleteLink(String name) throws IOException {
    try (Netlink nl = Netlink.open()) {
      nl.deleteLink(name);
    }
  }

  /** The subnets routed on the host: what a new network must not overlap. */
  List<Cidr> hostRoutes() throws IOException {
    try (Netlink nl = Netlink.open()) {
      List<Cidr> out = new ArrayList<>();
      for (String route : nl.routes()) {
        Cidr cidr = Cidr.parse(route);
        if (cidr.prefix() > 0) {
          out.add(cidr.network());
        }
      }
      return out;
    }
  }

  /** Docker's MAC for an address: 02:42 then the four bytes of the IPv4 address. */
  static byte[] mac(long ip) {
    return new byte[] {0x02, 0x42, (byte) (ip >> 24), (byte) (ip >> 16), (byte) (ip >> 8), (byte) ip};
  }

  static String macText(long ip) {
    byte[] mac = mac(ip);
    StringBuilder s = new StringBuilder();
    for (byte b : mac) {
      if (!s.isEmpty()) {
        s.append(':');
      }
      s.append(String.format("%02x", b & 255));
    }
    return s.toString();
  }

  private static void sysctl(String key, String value) throws IOException {
    Path file = Path.of("/proc/sys").resolve(key);
    if (!Files.readString(file).strip().equals(value)) {
      Files.writeString(file, value);
    }
  }
}
