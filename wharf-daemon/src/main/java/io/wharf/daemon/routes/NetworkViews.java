package io.wharf.daemon.routes;

import io.wharf.api.network.NetworkView;
import io.wharf.engine.container.Container;
import io.wharf.engine.container.ContainerState;
import io.wharf.engine.network.Cidr;
import io.wharf.engine.network.Endpoint;
import io.wharf.engine.network.Network;
import io.wharf.engine.network.NetworkService;
import io.wharf.engine.network.NetworkSpec;
import io.wharf.engine.network.PortMapping;
import io.wharf.engine.network.Sandbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Engine networks → Docker's wire shapes: {@code /networks} items, and the network parts of a
 * container's inspect ({@code NetworkSettings}, {@code HostConfig}) and list ({@code Ports}).
 */
final class NetworkViews {
  private NetworkViews() {}

  static NetworkView network(Network n, List<Endpoint> endpoints, boolean withContainers) {
    List<NetworkView.Pool> pools = n.subnet() == null ? List.of()
        : List.of(new NetworkView.Pool(n.subnet().toString(), n.ipRange() == null ? null : n.ipRange().toString(),
            n.gatewayText()));
    Map<String, NetworkView.Endpoint> containers = new LinkedHashMap<>();
    if (withContainers) {
      for (Endpoint e : endpoints) {
        if (e.live()) {
          containers.put(e.containerId(), new NetworkView.Endpoint(e.containerName(), e.id(), e.mac(),
              Cidr.format(e.ip()) + "/" + n.subnet().prefix(), ""));
        }
      }
    }
    Map<String, String> options = new LinkedHashMap<>(n.options());
    if (n.hasBridge()) {
      options.putIfAbsent("com.docker.network.bridge.name", n.bridge());
    }
    return new NetworkView(n.name(), n.id(), ImageViews.time(n.created()), "local", n.driver(), false,
        new NetworkView.Ipam("default", Map.of(), pools), n.internal(), n.attachable(), false,
        Map.of("Network", ""), false, containers, options, n.labels());
  }

  /** {@code NetworkSettings} of a container's inspect. */
  static Map<String, Object> settings(Container c, NetworkService networks) {
    Sandbox sandbox = c.state() == ContainerState.RUNNING ? networks.sandbox(c.id()) : null;
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("Bridge", "");
    s.put("SandboxID", sandbox == null ? "" : io.wharf.oci.Digest.of(c.id().getBytes()).hex());
    s.put("SandboxKey", sandbox == null || sandbox.netns() == null ? "" : sandbox.netns());
    s.put("HairpinMode", false);
    s.put("LinkLocalIPv6Address", "");
    s.put("LinkLocalIPv6PrefixLen", 0);
    s.put("Ports", sandbox == null ? Map.of() : ports(c.settings().network(), sandbox));
    s.put("SecondaryIPAddresses", null);
    s.put("SecondaryIPv6Addresses", null);
    Map<String, Object> byName = new LinkedHashMap<>();
    Map<String, Object> primary = null;
    List<Endpoint> endpoints = networks.endpointsOf(c.id());
    for (Endpoint e : endpoints) {
      Network n = networks.get(e.networkId());
      Map<String, Object> entry = endpoint(n, e, c);
      byName.put(n.name(), entry);
      if (primary == null && n.builtin()) {
        primary = entry;
      }
    }
    String mode = c.settings().network().mode();
    if (endpoints.isEmpty() && (mode.equals("host") || mode.equals("none"))) {
      Network n = networks.get(mode);
      byName.put(n.name(), endpoint(n, null, c));
    }
    s.put("EndpointID", primary == null ? "" : primary.get("EndpointID"));
    s.put("Gateway", primary == null ? "" : primary.get("Gateway"));
    s.put("GlobalIPv6Address", "");
    s.put("GlobalIPv6PrefixLen", 0);
    s.put("IPAddress", primary == null ? "" : primary.get("IPAddress"));
    s.put("IPPrefixLen", primary == null ? 0 : primary.get("IPPrefixLen"));
    s.put("IPv6Gateway", "");
    s.put("MacAddress", primary == null ? "" : primary.get("MacAddress"));
    s.put("Networks", byName);
    return s;
  }

  private static Map<String, Object> endpoint(Network n, Endpoint e, Container c) {
    boolean live = e != null && e.live();
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("IPAMConfig", e == null || e.requestedIp() == null ? null : Map.of("IPv4Address", e.requestedIp()));
    entry.put("Links", null);
    entry.put("Aliases", e == null || e.aliases().isEmpty() ? null : e.aliases());
    entry.put("MacAddress", live ? e.mac() : "");
    entry.put("DriverOpts", null);
    entry.put("NetworkID", n.id());
    entry.put("EndpointID", live ? e.id() : "");
    entry.put("Gateway", live ? n.gatewayText() : "");
    entry.put("IPAddress", live ? Cidr.format(e.ip()) : "");
    entry.put("IPPrefixLen", live ? n.subnet().prefix() : 0);
    entry.put("IPv6Gateway", "");
    entry.put("GlobalIPv6Address", "");
    entry.put("GlobalIPv6PrefixLen", 0);
    List<String> dnsNames = new ArrayList<>();
    if (e != null && n.resolvesNames()) {
      dnsNames.add(c.name());
      dnsNames.add(c.id().substring(0, 12));
      dnsNames.addAll(e.aliases());
    }
    entry.put("DNSNames", dnsNames.isEmpty() ? null : dnsNames);
    return entry;
  }

  /** {@code "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]}, and {@code null} for what is exposed only. */
  static Map<String, Object> ports(NetworkSpec spec, Sandbox sandbox) {
    Map<String, Object> out = new TreeMap<>();
    for (String exposed : spec.exposed()) {
      out.put(exposed, null);
    }
    for (String asked : spec.ports().keySet()) {
      out.put(asked, null);
    }
    for (PortMapping m : sandbox.ports()) {
      @SuppressWarnings("unchecked")
      List<Map<String, String>> list = (List<Map<String, String>>) out.get(m.key());
      if (list == null) {
        list = new ArrayList<>();
        out.put(m.key(), list);
      }
      list.add(Map.of("HostIp", m.hostIp(), "HostPort", Integer.toString(m.hostPort())));
    }
    return out;
  }

  /** {@code Ports} of a container in the list: published mappings, then ports only exposed. */
  static List<Object> summaryPorts(Container c, NetworkService networks) {
    List<Object> out = new ArrayList<>();
    Sandbox sandbox = c.state() == ContainerState.RUNNING ? networks.sandbox(c.id()) : null;
    java.util.Set<String> published = new java.util.HashSet<>();
    if (sandbox != null) {
      for (PortMapping m : sandbox.ports()) {
        out.add(Map.of("IP", m.hostIp(), "PrivatePort", m.containerPort(), "PublicPort", m.hostPort(),
            "Type", m.protocol()));
        published.add(m.key());
      }
    }
    for (String exposed : c.settings().network().exposed()) {
      if (!published.contains(exposed)) {
        String[] parts = exposed.split("/");
        out.add(Map.of("PrivatePort", Integer.parseInt(parts[0]), "Type", parts.length > 1 ? parts[1] : "tcp"));
      }
    }
    return out;
  }

  /** {@code NetworkSettings} of a container in the list: its networks by name. */
  static Map<String, Object> summaryNetworks(Container c, NetworkService networks) {
    Map<String, Object> byName = new LinkedHashMap<>();
    for (Endpoint e : networks.endpointsOf(c.id())) {
      Network n = networks.get(e.networkId());
      byName.put(n.name(), endpoint(n, e, c));
    }
    String mode = c.settings().network().mode();
    if (byName.isEmpty() && (mode.equals("host") || mode.equals("none"))) {
      byName.put(mode, endpoint(networks.get(mode), null, c));
    }
    return Map.of("Networks", byName);
  }

  /** The network fields of a container's {@code HostConfig}. */
  static void hostConfig(Container c, Map<String, Object> host) {
    NetworkSpec spec = c.settings().network();
    host.put("NetworkMode", spec.mode());
    Map<String, Object> bindings = new LinkedHashMap<>();
    spec.ports().forEach((port, list) -> bindings.put(port, list.stream()
        .map(b -> Map.of("HostIp", b.hostIp() == null ? "" : b.hostIp(), "HostPort",
            b.hostPort() == null ? "" : b.hostPort())).toList()));
    host.put("PortBindings", bindings);
    host.put("PublishAllPorts", spec.publishAll());
    host.put("Dns", spec.dns());
    host.put("DnsSearch", spec.dnsSearch());
    host.put("DnsOptions", spec.dnsOptions());
    host.put("ExtraHosts", spec.extraHosts().isEmpty() ? null : spec.extraHosts());
  }
}
