package io.wharf.engine.network;

import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.SystemError;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Published ports by kernel forwarding: each mapping is a DNAT rule in this daemon's nat chain
 * (no userland proxy in the data path), and its host port is reserved by a socket bound to it
 * (bound, never listening: it only keeps anyone else from taking the port), so that a port in
 * use fails the start with Docker's message and a random port ({@code -p 80}, {@code -P}) is
 * one the kernel handed out. Thread-safe.
 */
final class PortPublisher {
  private static final Logger LOG = Logger.getLogger(PortPublisher.class.getName());

  private final Firewall firewall;
  private final Map<String, List<Closeable>> reservations = new ConcurrentHashMap<>();

  PortPublisher(Firewall firewall) {
    this.firewall = firewall;
  }

  /**
   * Reserves and forwards what {@code spec} publishes to {@code ip}; on any failure nothing is
   * left reserved or forwarded.
   */
  List<PortMapping> publish(String containerId, String endpointName, long ip, NetworkSpec spec) {
    Map<String, List<NetworkSpec.Binding>> wanted = new java.util.LinkedHashMap<>(spec.ports());
    if (spec.publishAll()) {
      for (String port : spec.exposed()) {
        wanted.putIfAbsent(port, List.of(new NetworkSpec.Binding("", "")));
      }
    }
    List<PortMapping> mappings = new ArrayList<>();
    List<Closeable> held = new ArrayList<>();
    try {
      for (Map.Entry<String, List<NetworkSpec.Binding>> entry : wanted.entrySet()) {
        String[] key = entry.getKey().split("/");
        int containerPort = Integer.parseInt(key[0]);
        String proto = key.length > 1 ? key[1] : "tcp";
        for (NetworkSpec.Binding binding : entry.getValue()) {
          String hostIp = binding.hostIp() == null || binding.hostIp().isEmpty() ? "0.0.0.0" : binding.hostIp();
          int port = reserve(held, proto, hostIp, binding.hostPort(), endpointName, containerId);
          mappings.add(new PortMapping(proto, containerPort, hostIp, port));
        }
      }
      firewall.apply(true, natRules(mappings, ip), List.of());
    } catch (RuntimeException e) {
      close(held);
      throw e;
    }
    reservations.put(containerId, held);
    return mappings;
  }

  /** After a daemon restart: the mappings of a running container, reserved and forwarded again. */
  void restore(String containerId, long ip, List<PortMapping> mappings) {
    List<Closeable> held = new ArrayList<>();
    for (PortMapping m : mappings) {
      try {
        held.add(bind(m.protocol(), m.hostIp(), m.hostPort()));
      } catch (IOException e) {
        LOG.warning("port " + m.hostIp() + ":" + m.hostPort() + " of " + containerId + " is taken: " + e.getMessage());
      }
    }
    reservations.put(containerId, held);
  }

  /** Stops forwarding and frees the ports of a container. */
  void unpublish(String containerId, long ip, List<PortMapping> mappings) {
    List<Closeable> held = reservations.remove(containerId);
    if (held != null) {
      close(held);
    }
    if (!mappings.isEmpty()) {
      try {
        firewall.apply(false, natRules(mappings, ip), List.of());
      } catch (RuntimeException e) {
        LOG.warning("removing the port rules of " + containerId + ": " + e.getMessage());
      }
    }
  }

  /** The DNAT rules of {@code mappings} to {@code ip}. */
  List<String> natRules(List<PortMapping> mappings, long ip) {
    List<String> rules = new ArrayList<>();
    for (PortMapping m : mappings) {
      rules.add(firewall.natChain() + " -p " + m.protocol() + (m.hostIp().equals("0.0.0.0") ? "" : " -d " + m.hostIp()
          + "/32") + " -m " + m.protocol() + " --dport " + m.hostPort() + " -j DNAT --to-destination "
          + Cidr.format(ip) + ":" + m.containerPort());
    }
    return rules;
  }

  private static int reserve(List<Closeable> held, String proto, String hostIp, String hostPort, String endpointName,
      String containerId) {
    int first = 0;
    int last = 0;
    if (hostPort != null && !hostPort.isEmpty()) {
      String[] range = hostPort.split("-");
      try {
        first = Integer.parseInt(range[0]);
        last = range.length > 1 ? Integer.parseInt(range[1]) : first;
      } catch (NumberFormatException e) {
        throw new InvalidArgument("invalid hostPort: " + hostPort);
      }
    }
    IOException failure = null;
    for (int port = first; port <= last; port++) {
      try {
        NetworkChannel channel = bind(proto, hostIp, port);
        held.add(channel);
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
      } catch (IOException e) {
        failure = e;
      }
    }
    throw new SystemError("driver failed programming external connectivity on endpoint " + endpointName + " ("
        + containerId + "): Bind for " + hostIp + ":" + hostPort + " failed: port is already allocated", failure);
  }

  private static NetworkChannel bind(String proto, String hostIp, int port) throws IOException {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(hostIp), port);
    NetworkChannel channel = proto.equals("udp") ? DatagramChannel.open() : SocketChannel.open();
    try {
      return channel.bind(address);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  private static void close(List<Closeable> held) {
    for (Closeable c : held) {
      try {
        c.close();
      } catch (IOException e) {
        // a reservation that is already gone
      }
    }
  }
}
