package io.wharf.sys;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An rtnetlink ({@code NETLINK_ROUTE}) socket: links, IPv4 addresses and routes of the network
 * namespace of the thread that opened it (see {@link Namespaces#inNetns}), what {@code ip link},
 * {@code ip addr} and {@code ip route} do, without a process. Each call sends one request with
 * NLM_F_ACK and reads its answer; a refusal becomes an IOException naming the operation and the
 * errno's text ("create bridge wharf0: File exists"). Links are named by their interface name:
 * 1 to 15 bytes, no '/', ':' or white space (IllegalArgumentException otherwise). Not
 * thread-safe: open one per use.
 */
public final class Netlink implements AutoCloseable {
  private static final int NETLINK_ROUTE = 0;
  private static final int RTM_NEWLINK = 16;
  private static final int RTM_DELLINK = 17;
  private static final int RTM_GETLINK = 18;
  private static final int RTM_NEWADDR = 20;
  private static final int RTM_GETADDR = 22;
  private static final int RTM_NEWROUTE = 24;
  private static final int RTM_GETROUTE = 26;
  private static final int AF_UNSPEC = 0;
  private static final int AF_INET = 2;
  private static final int IFF_UP = 1;
  private static final int IFLA_ADDRESS = 1;
  private static final int IFLA_IFNAME = 3;
  private static final int IFLA_MASTER = 10;
  private static final int IFLA_LINKINFO = 18;
  private static final int IFLA_NET_NS_FD = 28;
  private static final int IFLA_INFO_KIND = 1;
  private static final int IFLA_INFO_DATA = 2;
  private static final int VETH_INFO_PEER = 1;
  private static final int IFA_ADDRESS = 1;
  private static final int IFA_LOCAL = 2;
  private static final int IFA_BROADCAST = 4;
  private static final int RTA_DST = 1;
  private static final int RTA_GATEWAY = 5;
  private static final int RTA_TABLE = 15;
  private static final int RT_TABLE_MAIN = 254;
  private static final int RTPROT_BOOT = 3;
  private static final int RT_SCOPE_UNIVERSE = 0;
  private static final int RTN_UNICAST = 1;
  private static final int ENODEV = 19;
  private static final int CREATE = NetlinkMessage.NLM_F_ACK | NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL;
  private static final int ACK = NetlinkMessage.NLM_F_ACK;
  private static final int DUMP = NetlinkMessage.NLM_F_DUMP;

  private final NetlinkSocket socket;

  private Netlink(NetlinkSocket socket) {
    this.socket = socket;
  }

  /** Opens a socket in the calling thread's network namespace. */
  public static Netlink open() throws IOException {
    return new Netlink(NetlinkSocket.open(NETLINK_ROUTE));
  }

  /** The index of link {@code name}, or -1 when there is none. */
  public int linkIndex(String name) throws IOException {
    try {
      List<NetlinkSocket.Reply> replies = socket.request(link(RTM_GETLINK, ACK, 0, name), "find link " + name);
      return replies.isEmpty() ? -1 : replies.getFirst().body().getInt(4);
    } catch (NetlinkSocket.KernelError e) {
      if (e.errno == ENODEV) {
        return -1;
      }
      throw e;
    }
  }

  /** The names of all links, by index. */
  public List<String> linkNames() throws IOException {
    List<String> names = new ArrayList<>();
    var dump = new NetlinkMessage(RTM_GETLINK, DUMP).ifinfomsg(AF_UNSPEC, 0, 0, 0);
    for (NetlinkSocket.Reply reply : socket.request(dump, "list links")) {
      ByteBuffer name = NetlinkMessage.attributes(reply.body(), 16).get(IFLA_IFNAME);
      if (reply.type() == RTM_NEWLINK && name != null) {
        names.add(NetlinkMessage.string(name));
      }
    }
    return names;
  }

  /** Creates bridge {@code name}, down. */
  public void createBridge(String name) throws IOException {
    var message = link(RTM_NEWLINK, CREATE, 0, name);
    int info = message.begin(IFLA_LINKINFO);
    message.putString(IFLA_INFO_KIND, "bridge").end(info);
    socket.request(message, "create bridge " + name);
  }

  /** Creates the veth pair {@code name} and {@code peer}, both down, here. */
  public void createVeth(String name, String peer) throws IOException {
    createVeth(name, peer, null);
  }

  /**
   * Creates the veth pair {@code name}, here, and {@code peer}, directly in the network
   * namespace kept at {@code peerNetns} (saving a move), both down.
   */
  public void createVeth(String name, String peer, Path peerNetns) throws IOException {
    checkName(peer);
    var message = link(RTM_NEWLINK, CREATE, 0, name);
    int info = message.begin(IFLA_LINKINFO);
    message.putString(IFLA_INFO_KIND, "veth");
    int data = message.begin(IFLA_INFO_DATA);
    int peerInfo = message.begin(VETH_INFO_PEER);
    message.ifinfomsg(AF_UNSPEC, 0, 0, 0).putString(IFLA_IFNAME, peer);
    int fd = peerNetns == null ? -1 : Namespaces.openFd(peerNetns);
    try {
      if (fd >= 0) {
        message.putInt(IFLA_NET_NS_FD, fd);
      }
      message.end(peerInfo).end(data).end(info);
      socket.request(message, "create veth " + name + " with peer " + peer);
    } finally {
      if (fd >= 0) {
        Namespaces.closeFd(fd);
      }
    }
  }

  /** Makes {@code link} a port of {@code bridge}. */
  public void setMaster(String link, String bridge) throws IOException {
    int master = existingIndex(bridge, "set master of " + link + " to " + bridge);
    socket.request(link(RTM_NEWLINK, ACK, 0, link).putInt(IFLA_MASTER, master),
        "set master of " + link + " to " + bridge);
  }

  public void setUp(String link) throws IOException {
    socket.request(new NetlinkMessage(RTM_NEWLINK, ACK).ifinfomsg(AF_UNSPEC, 0, IFF_UP, IFF_UP)
        .putString(IFLA_IFNAME, checkName(link)), "set " + link + " up");
  }

  public void setDown(String link) throws IOException {
    socket.request(new NetlinkMessage(RTM_NEWLINK, ACK).ifinfomsg(AF_UNSPEC, 0, 0, IFF_UP)
        .putString(IFLA_IFNAME, checkName(link)), "set " + link + " down");
  }

  /** Sets the hardware address of {@code link} (6 bytes for Ethernet). */
  public void setMac(String link, byte[] mac) throws IOException {
    socket.request(link(RTM_NEWLINK, ACK, 0, link).put(IFLA_ADDRESS, mac), "set address of " + link);
  }

  /** Renames {@code link}, which must be down (kernels before 6.2 refuse with "Device or resource busy"). */
  public void rename(String link, String newName) throws IOException {
    String what = "rename " + link + " to " + newName;
    int index = existingIndex(link, what);
    socket.request(link(RTM_NEWLINK, ACK, index, newName), what);
  }

  /** Moves {@code link} into the network namespace kept at {@code netns}; it is down there. */
  public void moveToNetns(String link, Path netns) throws IOException {
    var message = link(RTM_NEWLINK, ACK, 0, link);
    int fd = Namespaces.openFd(netns);
    try {
      socket.request(message.putInt(IFLA_NET_NS_FD, fd), "move " + link + " to " + netns);
    } finally {
      Namespaces.closeFd(fd);
    }
  }

  /** Adds {@code address/prefixLength} to {@code link}, with its broadcast address (for prefixes up to 30). */
  public void addAddress(String link, Inet4Address address, int prefixLength) throws IOException {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix length out of 0..32: " + prefixLength);
    }
    String what = "add address " + address.getHostAddress() + "/" + prefixLength + " to " + link;
    var message = new NetlinkMessage(RTM_NEWADDR, CREATE)
        .ifaddrmsg(AF_INET, prefixLength, RT_SCOPE_UNIVERSE, existingIndex(link, what))
        .put(IFA_LOCAL, address.getAddress()).put(IFA_ADDRESS, address.getAddress());
    if (prefixLength <= 30) {
      int broadcast = ByteBuffer.wrap(address.getAddress()).getInt() | (-1 >>> prefixLength);
      message.put(IFA_BROADCAST, ByteBuffer.allocate(4).putInt(broadcast).array());
    }
    socket.request(message, what);
  }

  /** The IPv4 addresses of {@code link} as "10.1.2.3/24". */
  public List<String> addresses(String link) throws IOException {
    int index = existingIndex(link, "list addresses of " + link);
    List<String> addresses = new ArrayList<>();
    var dump = new NetlinkMessage(RTM_GETADDR, DUMP).ifaddrmsg(AF_INET, 0, 0, 0);
    for (NetlinkSocket.Reply reply : socket.request(dump, "list addresses of " + link)) {
      ByteBuffer body = reply.body();
      Map<Integer, ByteBuffer> attributes = NetlinkMessage.attributes(body, 8);
      ByteBuffer local = attributes.getOrDefault(IFA_LOCAL, attributes.get(IFA_ADDRESS));
      if (reply.type() == RTM_NEWADDR && body.get(0) == AF_INET && body.getInt(4) == index && local != null) {
        addresses.add(ipv4(local) + "/" + Byte.toUnsignedInt(body.get(1)));
      }
    }
    return addresses;
  }

  /** Adds the default route of the main table, via {@code gateway} (which must be reachable). */
  public void addDefaultRoute(Inet4Address gateway) throws IOException {
    var message = new NetlinkMessage(RTM_NEWROUTE, CREATE)
        .rtmsg(AF_INET, 0, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST)
        .put(RTA_GATEWAY, gateway.getAddress());
    socket.request(message, "add default route via " + gateway.getHostAddress());
  }

  /**
   * The IPv4 routes of the main table as "dest/prefix" ("0.0.0.0/0" for the default), for
   * choosing subnets that do not collide with the host's.
   */
  public List<String> routes() throws IOException {
    List<String> routes = new ArrayList<>();
    var dump = new NetlinkMessage(RTM_GETROUTE, DUMP).rtmsg(AF_INET, 0, 0, 0, 0, 0);
    for (NetlinkSocket.Reply reply : socket.request(dump, "list routes")) {
      ByteBuffer body = reply.body();
      Map<Integer, ByteBuffer> attributes = NetlinkMessage.attributes(body, 12);
      ByteBuffer table = attributes.get(RTA_TABLE);
      int tableId = table != null ? table.getInt(0) : Byte.toUnsignedInt(body.get(4));
      if (reply.type() == RTM_NEWROUTE && body.get(0) == AF_INET && tableId == RT_TABLE_MAIN) {
        ByteBuffer destination = attributes.get(RTA_DST);
        routes.add((destination == null ? "0.0.0.0" : ipv4(destination)) + "/" + Byte.toUnsignedInt(body.get(1)));
      }
    }
    return routes;
  }

  /** Deletes {@code name} (a veth's peer goes with it); a missing link is not an error. */
  public void deleteLink(String name) throws IOException {
    try {
      socket.request(link(RTM_DELLINK, ACK, 0, name), "delete link " + name);
    } catch (NetlinkSocket.KernelError e) {
      if (e.errno != ENODEV) {
        throw e;
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }

  /** A link message for {@code index}, or for the link named {@code name} when index is 0. */
  private static NetlinkMessage link(int type, int flags, int index, String name) {
    return new NetlinkMessage(type, flags).ifinfomsg(AF_UNSPEC, index, 0, 0).putString(IFLA_IFNAME, checkName(name));
  }

  private int existingIndex(String name, String what) throws IOException {
    int index = linkIndex(name);
    if (index < 0) {
      throw new NetlinkSocket.KernelError(what, ENODEV, "");
    }
    return index;
  }

  private static String ipv4(ByteBuffer value) throws IOException {
    try {
      return InetAddress.getByAddress(NetlinkMessage.bytes(value)).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IOException("bad IPv4 address in netlink answer", e);
    }
  }

  /** The kernel's rule for interface names (dev_valid_name). */
  private static String checkName(String name) {
    int length = name.getBytes(StandardCharsets.UTF_8).length;
    if (length == 0 || length > 15 || name.equals(".") || name.equals("..")
        || name.chars().anyMatch(c -> c == '/' || c == ':' || c == 0 || Character.isWhitespace(c))) {
      throw new IllegalArgumentException("not an interface name (1-15 bytes, no '/', ':' or space): " + name);
    }
    return name;
  }
}
