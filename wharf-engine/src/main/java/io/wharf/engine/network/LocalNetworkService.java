package io.wharf.engine.network;

import io.wharf.engine.network.dns.DnsResolver;
import io.wharf.engine.network.dns.DnsServer;
import io.wharf.engine.state.NetworkTable;
import io.wharf.engine.state.StateStore;
import io.wharf.oci.Digest;
import io.wharf.oci.Json;
import io.wharf.oci.errors.Conflict;
import io.wharf.oci.errors.Forbidden;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import io.wharf.oci.errors.SystemError;
import io.wharf.sys.Namespaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The network service of one engine: networks and endpoints in the state database, the kernel
 * side through {@link BridgeDriver}, published ports through {@link PortPublisher}, names through
 * an embedded {@link DnsServer} listening on 127.0.0.11 inside each container on a user-defined
 * network. Mutations are serialised on this object; they are short (netlink calls, one
 * iptables-restore at most). Thread-safe.
 */
public final class LocalNetworkService implements NetworkService, DnsResolver, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalNetworkService.class.getName());
  private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");

  private final StateStore state;
  private final io.wharf.engine.event.EventService events;
  private final Path netnsRoot;
  private final BridgeDriver driver;
  private final Firewall firewall;
  private final PortPublisher ports;
  private final DnsServer dns;
  private final Map<String, Network> networks = new LinkedHashMap<>();
  /** Endpoints by network ID, then container ID. */
  private final Map<String, Map<String, Endpoint>> endpoints = new LinkedHashMap<>();
  private final Map<String, Sandbox> sandboxes = new LinkedHashMap<>();
  /** Containers whose embedded DNS server is listening. */
  private final Set<String> dnsServed = new java.util.HashSet<>();
  private Instant lastJoin = Instant.EPOCH;
  /** Whether the bridges and rules of the store are in the kernel (made at first use). */
  private boolean active;

  private LocalNetworkService(StateStore state, Path netnsRoot, String tag, io.wharf.engine.event.EventService events)
      throws IOException {
    this.events = events;
    this.state = state;
    this.netnsRoot = Files.createDirectories(netnsRoot);
    this.firewall = new Firewall(tag);
    this.driver = new BridgeDriver(tag.substring(0, 5), firewall);
    this.ports = new PortPublisher(firewall);
    this.dns = new DnsServer(this, DnsServer.upstreamsOf(Files.exists(HOST_RESOLV_CONF)
        ? Files.readString(HOST_RESOLV_CONF) : ""));
  }

  /**
   * Opens the networks of {@code state}: the predefined {@code bridge}, {@code host} and
   * {@code none} made the first time; bridges and rules made again as the store says; links,
   * namespaces and rules of this daemon that the store does not know removed. {@code tag} names
   * this daemon's kernel objects (12 hex characters).
   */
  public static LocalNetworkService open(StateStore state, Path netnsRoot, String tag,
      io.wharf.engine.event.EventService events) {
    try {
      LocalNetworkService service = new LocalNetworkService(state, netnsRoot, tag, events);
      service.load();
      // the kernel is touched only once networking is used: a daemon that never runs a
      // container on a bridge leaves no bridge or rule on the host
      boolean used = !service.sandboxes.isEmpty() || !service.driver.ourLinks().isEmpty()
          || service.networks.values().stream().anyMatch(n -> n.hasBridge() && !n.builtin());
      if (used) {
        service.activate();
      } else {
        service.removeStaleNamespaces();
      }
      return service;
    } catch (IOException e) {
      throw new SystemError("cannot set up networking: " + e.getMessage(), e);
    }
  }

  private void load() {
    state.transaction(c -> {
      for (String json : NetworkTable.networks(c)) {
        Network n = read(json, Network.class);
        networks.put(n.id(), n);
        endpoints.put(n.id(), new LinkedHashMap<>());
      }
      for (String json : NetworkTable.endpoints(c)) {
        Endpoint e = read(json, Endpoint.class);
        endpoints.computeIfAbsent(e.networkId(), k -> new LinkedHashMap<>()).put(e.containerId(), e);
      }
      for (String json : NetworkTable.sandboxes(c)) {
        Sandbox s = read(json, Sandbox.class);
        sandboxes.put(s.containerId(), s);
      }
      return null;
    });
    if (networks.values().stream().noneMatch(n -> n.builtin() && n.name().equals("bridge"))) {
      createNetwork("bridge", "bridge", null, null, null, false, false, Map.of(), Map.of(), true);
      createNetwork("host", "host", null, null, null, false, false, Map.of(), Map.of(), true);
      createNetwork("none", "null", null, null, null, false, false, Map.of(), Map.of(), true);
    }
  }

  /** Makes the store's world true in the kernel (once), and removes what it does not know. */
  private void activate() throws IOException {
    if (active) {
      return;
    }
    List<String> nat = new ArrayList<>();
    List<String> filter = new ArrayList<>();
    filter.add(firewall.forwardChain() + " -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
    filter.add(firewall.forwardChain() + " -m conntrack --ctstate DNAT -j ACCEPT");
    Set<String> bridges = new java.util.HashSet<>();
    for (Network n : networks.values()) {
      if (n.hasBridge()) {
        driver.up(n);
        bridges.add(n.bridge());
        List<List<String>> rules = driver.rules(n);
        nat.addAll(rules.get(0));
        filter.addAll(rules.get(1));
      }
    }
    Set<String> liveVeths = new java.util.HashSet<>();
    for (Sandbox s : sandboxes.values()) {
      Endpoint first = endpointsOf(s.containerId()).stream().filter(Endpoint::live).findFirst().orElse(null);
      if (first != null) {
        nat.addAll(ports.natRules(s.ports(), first.ip()));
        ports.restore(s.containerId(), first.ip(), s.ports());
      }
      endpointsOf(s.containerId()).stream().filter(Endpoint::live).forEach(e -> liveVeths.add(e.hostVeth()));
    }
    firewall.reset(nat, filter);
    for (String link : driver.ourLinks()) {
      if (!bridges.contains(link) && !liveVeths.contains(link)) {
        driver.deleteLink(link);
      }
    }
    removeStaleNamespaces();
    active = true;
    for (Sandbox s : sandboxes.values()) {
      if (s.netns() != null && usesEmbeddedDns(s.containerId()) && Files.exists(Path.of(s.netns()))) {
        serveDns(s.containerId(), Path.of(s.netns()));
      }
    }
  }

  private void removeStaleNamespaces() throws IOException {
    Set<String> known = sandboxes.values().stream().map(Sandbox::netns).filter(p -> p != null)
        .collect(Collectors.toSet());
    try (var files = Files.list(netnsRoot)) {
      for (Path p : files.toList()) {
        if (!known.contains(p.toString())) {
          Namespaces.deleteNetns(p);
        }
      }
    }
  }

  private void ensureActive() {
    try {
      activate();
    } catch (IOException e) {
      throw new SystemError("cannot set up networking: " + e.getMessage(), e);
    }
  }

  /**
   * Removes every kernel object a daemon tagged {@code tag} made — its network namespaces under
   * {@code netnsRoot}, bridges, veths and iptables chains — for a daemon whose data is being
   * thrown away (a test's). A real daemon keeps its networks across restarts, as Docker does.
   */
  public static void removeKernelState(String tag, Path netnsRoot) throws IOException {
    if (Files.isDirectory(netnsRoot)) {
      try (var files = Files.list(netnsRoot)) {
        for (Path p : files.toList()) {
          Namespaces.deleteNetns(p);
        }
      }
    }
    Firewall firewall = new Firewall(tag);
    BridgeDriver driver = new BridgeDriver(tag.substring(0, 5), firewall);
    for (String link : driver.ourLinks()) {
      driver.deleteLink(link);
    }
    if (firewall.installed()) {
      firewall.removeAll();
    }
  }

  @Override
  public synchronized Network create(NetworkCreateRequest r) {
    String name = r.name() == null ? "" : r.name();
    if (name.isEmpty()) {
      throw new InvalidArgument("network name is required");
    }
    if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
      throw new InvalidArgument("invalid network name \"" + name + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    if (networks.values().stream().anyMatch(n -> n.name().equals(name))) {
      throw new Conflict("network with name " + name + " already exists");
    }
    String driverName = r.driver() == null || r.driver().isEmpty() ? "bridge" : r.driver();
    if (!driverName.equals("bridge")) {
      throw new NotFound("plugin \"" + driverName + "\" not found");
    }
    ensureActive();
    Network made = createNetwork(name, driverName, r.subnet(), r.ipRange(), r.gateway(), r.internal(),
        r.attachable(), r.labels(), r.options(), false);
    events.publish("network", "create", made.id(), Map.of("name", made.name(), "type", made.driver()));
    return made;
  }

  private Network createNetwork(String name, String driverName, String subnetText, String rangeText, String gatewayText,
      boolean internal, boolean attachable, Map<String, String> labels, Map<String, String> options, boolean builtin) {
    String id = Digest.of(UUID.randomUUID().toString().getBytes()).hex();
    Network network;
    if (driverName.equals("bridge")) {
      Cidr subnet;
      try {
        List<Cidr> taken = new ArrayList<>(driver.hostRoutes());
        networks.values().stream().filter(n -> n.subnet() != null).forEach(n -> taken.add(n.subnet()));
        if (subnetText == null || subnetText.isEmpty()) {
          subnet = Ipam.chooseSubnet(taken);
        } else {
          subnet = Cidr.parse(subnetText).network();
          for (Cidr t : taken) {
            if (t.overlaps(subnet)) {
              throw new Forbidden("Pool overlaps with other one on this address space");
            }
          }
        }
      } catch (IOException e) {
        throw new SystemError("reading the host's routes: " + e.getMessage(), e);
      }
      Cidr range = rangeText == null || rangeText.isEmpty() ? null : Cidr.parse(rangeText).network();
      if (range != null && !subnet.contains(range.first())) {
        throw new InvalidArgument("invalid pool request: IP range " + range + " is not in subnet " + subnet);
      }
      long gateway = gatewayText == null || gatewayText.isEmpty() ? Ipam.defaultGateway(subnet)
          : Cidr.parseAddress(gatewayText);
      if (!subnet.contains(gateway)) {
        throw new InvalidArgument("invalid gateway " + gatewayText + ": not in subnet " + subnet);
      }
      String bridge = options != null && options.containsKey("com.docker.network.bridge.name")
          ? options.get("com.docker.network.bridge.name") : driver.bridgeName(id);
      network = new Network(id, name, "bridge", Instant.now(), subnet, gateway, range, internal, attachable, labels,
          options, bridge, builtin);
      try {
        if (!builtin) { // the predefined bridge is made at start-up, with the chains its rules go in
          driver.up(network);
          List<List<String>> rules = driver.rules(network);
          firewall.apply(true, rules.get(0), rules.get(1));
        }
      } catch (IOException | RuntimeException e) {
        try {
          driver.down(network);
        } catch (IOException down) {
          e.addSuppressed(down);
        }
        throw e instanceof IOException io ? new SystemError("creating bridge " + bridge + ": " + io.getMessage(), io)
            : (RuntimeException) e;
      }
    } else {
      network = new Network(id, name, driverName, Instant.now(), null, 0, null, false, false, labels, options, null,
          builtin);
    }
    Network made = network;
    state.transaction(c -> {
      NetworkTable.putNetwork(c, made.id(), made.name(), json(made));
      return null;
    });
    networks.put(id, made);
    endpoints.put(id, new LinkedHashMap<>());
    return made;
  }

  @Override
  public synchronized List<Network> list(Map<String, List<String>> filters) {
    var matches = NetworkFilters.of(filters, n -> !endpoints.getOrDefault(n.id(), Map.of()).isEmpty());
    return networks.values().stream().filter(matches).toList();
  }

  @Override
  public synchronized Network get(String name) {
    for (Network n : networks.values()) {
      if (n.id().equals(name) || n.name().equals(name)) {
        return n;
      }
    }
    List<Network> byPrefix = networks.values().stream().filter(n -> !name.isEmpty() && n.id().startsWith(name)).toList();
    if (byPrefix.size() == 1) {
      return byPrefix.getFirst();
    }
    throw new NotFound("network " + name + " not found");
  }

  @Override
  public synchronized void remove(String name) {
    Network n = get(name);
    if (n.builtin()) {
      throw new Forbidden(n.name() + " is a pre-defined network and cannot be removed");
    }
    if (!endpoints.getOrDefault(n.id(), Map.of()).isEmpty()) {
      throw new Conflict("error while removing network: network " + n.name() + " has active endpoints (name:\""
          + endpoints.get(n.id()).values().iterator().next().containerName() + "\" id:\""
          + endpoints.get(n.id()).values().iterator().next().containerId().substring(0, 12) + "\")");
    }
    List<List<String>> rules = driver.rules(n);
    try {
      firewall.apply(false, rules.get(0), rules.get(1));
    } catch (RuntimeException e) {
      LOG.warning("removing the rules of network " + n.name() + ": " + e.getMessage());
    }
    try {
      driver.down(n);
    } catch (IOException e) {
      throw new SystemError("removing bridge " + n.bridge() + ": " + e.getMessage(), e);
    }
    state.transaction(c -> {
      NetworkTable.deleteNetwork(c, n.id());
      return null;
    });
    networks.remove(n.id());
    endpoints.remove(n.id());
    events.publish("network", "destroy", n.id(), Map.of("name", n.name(), "type", n.driver()));
  }

  @Override
  public synchronized List<String> prune(Map<String, List<String>> filters) {
    Instant until = filters.containsKey("until") && !filters.get("until").isEmpty()
        ? io.wharf.engine.image.FilterTime.until(filters.get("until").getFirst()) : null;
    List<String> removed = new ArrayList<>();
    for (Network n : list(filters)) {
      if (!n.builtin() && endpoints.getOrDefault(n.id(), Map.of()).isEmpty()
          && (until == null || n.created().isBefore(until))) {
        remove(n.id());
        removed.add(n.name());
      }
    }
    return removed;
  }

  @Override
  public synchronized List<Endpoint> endpoints(String network) {
    return List.copyOf(endpoints.getOrDefault(get(network).id(), Map.of()).values());
  }

  @Override
  public synchronized List<Endpoint> endpointsOf(String containerId) {
    List<Endpoint> out = new ArrayList<>();
    for (Map<String, Endpoint> byContainer : endpoints.values()) {
      Endpoint e = byContainer.get(containerId);
      if (e != null) {
        out.add(e);
      }
    }
    out.sort(java.util.Comparator.comparing(Endpoint::joined));
    return out;
  }

  @Override
  public synchronized Sandbox sandbox(String containerId) {
    return sandboxes.get(containerId);
  }

  @Override
  public synchronized NetworkSpec attach(String containerId, String containerName, NetworkSpec spec) {
    String mode = spec.mode();
    validatePorts(spec);
    if (mode.equals("host") || mode.equals("none") || spec.sharesContainer()) {
      return spec;
    }
    Network network = get(mode);
    Map<String, NetworkSpec.EndpointRequest> asked = new LinkedHashMap<>();
    asked.put(network.id(), endpointRequest(spec, network));
    for (Map.Entry<String, NetworkSpec.EndpointRequest> e : spec.endpoints().entrySet()) {
      // the docker CLI names the default network "default" in EndpointsConfig
      Network other = e.getKey().equals("default") ? network : get(e.getKey());
      asked.putIfAbsent(other.id(), e.getValue());
    }
    for (Map.Entry<String, NetworkSpec.EndpointRequest> e : asked.entrySet()) {
      Network n = networks.get(e.getKey());
      NetworkSpec.EndpointRequest r = e.getValue();
      if (r != null && r.ip() != null && !r.ip().isEmpty()) {
        if (n.builtin()) {
          throw new InvalidArgument("user specified IP address is supported on user defined networks only");
        }
        if (!n.subnet().contains(Cidr.parseAddress(r.ip()))) {
          throw new InvalidArgument("no configured subnet or ip-range contain the IP address " + r.ip());
        }
      }
      if (r != null && !r.aliases().isEmpty() && n.builtin()) {
        throw new InvalidArgument("network-scoped alias is supported only for containers in user defined networks");
      }
    }
    for (Map.Entry<String, NetworkSpec.EndpointRequest> e : asked.entrySet()) {
      NetworkSpec.EndpointRequest r = e.getValue();
      record(new Endpoint(Digest.of(UUID.randomUUID().toString().getBytes()).hex(), e.getKey(), containerId,
          containerName, r == null || r.aliases() == null ? List.of() : r.aliases(), r == null ? null : r.ip(), 0, "",
          null, joinTime()));
    }
    return spec;
  }

  private static NetworkSpec.EndpointRequest endpointRequest(NetworkSpec spec, Network network) {
    NetworkSpec.EndpointRequest byName = spec.endpoints().get(network.name());
    if (byName == null && network.builtin()) {
      byName = spec.endpoints().get("default");
    }
    return byName != null ? byName : spec.endpoints().get(network.id());
  }

  private static void validatePorts(NetworkSpec spec) {
    for (String key : spec.ports().keySet()) {
      if (!key.matches("\\d{1,5}/(tcp|udp|sctp)") || Integer.parseInt(key.split("/")[0]) > 65535) {
        throw new InvalidArgument("invalid port specification: \"" + key + "\"");
      }
    }
  }

  private void record(Endpoint e) {
    state.transaction(c -> {
      NetworkTable.putEndpoint(c, e.networkId(), e.containerId(), json(e));
      return null;
    });
    endpoints.computeIfAbsent(e.networkId(), k -> new LinkedHashMap<>()).put(e.containerId(), e);
  }

  @Override
  public synchronized Sandbox start(String containerId, String hostname, NetworkSpec spec) {
    stop(containerId); // whatever a crash or an earlier run left
    if (!spec.mode().equals("host") && !spec.mode().equals("none") && !spec.sharesContainer()) {
      ensureActive();
    }
    try {
      Sandbox sandbox = switch (spec.mode()) {
        case "host" -> new Sandbox(containerId, null, List.of(), hostFile("/etc/hosts", EtcContent.LOCALHOST),
            hostFile("/etc/resolv.conf", ""), hostHostname());
        case "none" -> {
          Path netns = createNetns(containerId);
          yield new Sandbox(containerId, netns.toString(), List.of(), EtcContent.hosts(null, hostname, List.of()),
              EtcContent.resolvConf(false, spec, HOST_RESOLV_CONF), hostname);
        }
        default -> spec.sharesContainer() ? shared(containerId, spec) : bridged(containerId, hostname, spec);
      };
      state.transaction(c -> {
        NetworkTable.putSandbox(c, containerId, json(sandbox));
        return null;
      });
      sandboxes.put(containerId, sandbox);
      return sandbox;
    } catch (IOException | RuntimeException e) {
      try {
        stop(containerId);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      if (e instanceof IOException io) {
        throw new SystemError("setting up the network of " + containerId + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  private Sandbox shared(String containerId, NetworkSpec spec) {
    String other = spec.mode().substring("container:".length());
    Sandbox target = sandboxes.get(other);
    if (target == null) {
      throw new Conflict("cannot join network of a non running container: " + other);
    }
    return new Sandbox(containerId, target.netns(), List.of(), target.hosts(), target.resolvConf(), target.hostname());
  }

  private Sandbox bridged(String containerId, String hostname, NetworkSpec spec) throws IOException {
    Path netns = createNetns(containerId);
    List<Endpoint> mine = endpointsOf(containerId);
    Endpoint first = null;
    int index = 0;
    for (Endpoint e : mine) {
      Endpoint live = connectLive(netns, e, index++, index == 1);
      first = first == null ? live : first;
    }
    List<PortMapping> published = List.of();
    if (first != null) {
      published = ports.publish(containerId, first.containerName(), first.ip(), spec);
    }
    boolean embedded = usesEmbeddedDns(containerId);
    if (embedded) {
      serveDns(containerId, netns);
    }
    List<String> extraHosts = new ArrayList<>();
    for (String h : spec.extraHosts()) {
      extraHosts.add(h.endsWith(":host-gateway") ? h.replace(":host-gateway", ":" + hostGateway(first)) : h);
    }
    return new Sandbox(containerId, netns.toString(), published, EtcContent.hosts(first == null ? null
        : Cidr.format(first.ip()), hostname, extraHosts), EtcContent.resolvConf(embedded, spec, HOST_RESOLV_CONF),
        hostname);
  }

  /** {@code host-gateway}: the gateway of the container's first network, else the default bridge's. */
  private String hostGateway(Endpoint first) {
    Network n = first != null ? networks.get(first.networkId())
        : networks.values().stream().filter(x -> x.builtin() && x.hasBridge()).findFirst().orElseThrow();
    return n.gatewayText();
  }

  private Endpoint connectLive(Path netns, Endpoint e, int index, boolean defaultRoute) throws IOException {
    Network n = networks.get(e.networkId());
    Set<Long> used = endpoints.get(n.id()).values().stream().filter(Endpoint::live).map(Endpoint::ip)
        .collect(Collectors.toSet());
    long ip;
    if (e.requestedIp() != null && !e.requestedIp().isEmpty()) {
      ip = Cidr.parseAddress(e.requestedIp());
      if (used.contains(ip)) {
        throw new Conflict("Address already in use: " + e.requestedIp());
      }
    } else {
      ip = Ipam.allocate(n.subnet(), n.ipRange(), n.gateway(), used);
    }
    driver.connect(n, e, netns, index, ip, defaultRoute);
    Endpoint live = e.withLive(ip, BridgeDriver.macText(ip), driver.vethName(e.id()));
    record(live);
    return live;
  }

  private boolean usesEmbeddedDns(String containerId) {
    return endpointsOf(containerId).stream().anyMatch(e -> networks.get(e.networkId()).resolvesNames());
  }

  private void serveDns(String containerId, Path netns) throws IOException {
    var channels = Namespaces.inNetns(netns, () -> {
      InetSocketAddress address = new InetSocketAddress("127.0.0.11", 53);
      var udp = java.nio.channels.DatagramChannel.open(java.net.StandardProtocolFamily.INET).bind(address);
      var tcp = java.nio.channels.ServerSocketChannel.open().bind(address);
      return new Object[] {udp, tcp};
    });
    dns.serve(containerId, (java.nio.channels.DatagramChannel) channels[0],
        (java.nio.channels.ServerSocketChannel) channels[1]);
    dnsServed.add(containerId);
  }

  /** The container's namespace; {@link #start} has run {@link #stop} first, which removed any earlier one. */
  private Path createNetns(String containerId) throws IOException {
    Path path = netnsRoot.resolve(containerId);
    Namespaces.createNetns(path);
    return path;
  }

  @Override
  public synchronized void stop(String containerId) {
    if (dnsServed.remove(containerId)) {
      dns.stop(containerId);
    }
    Sandbox sandbox = sandboxes.remove(containerId);
    List<Endpoint> mine = endpointsOf(containerId);
    Endpoint first = mine.stream().filter(Endpoint::live).findFirst().orElse(null);
    if (sandbox != null && first != null) {
      ports.unpublish(containerId, first.ip(), sandbox.ports());
    }
    Path own = netnsRoot.resolve(containerId);
    boolean ownNamespace = Files.exists(own);
    for (Endpoint e : mine) {
      if (e.live()) {
        if (!ownNamespace) {
          driver.disconnect(e);
        }
        // else: the veth pair goes with the namespace, which the kernel tears down in the
        // background once its last process and mount are gone (deleting it here costs ~20 ms)
        record(e.withLive(0, "", null));
      }
    }
    try {
      Namespaces.deleteNetns(own);
    } catch (IOException e) {
      LOG.warning("removing the network namespace of " + containerId + ": " + e.getMessage());
    }
    if (sandbox != null) {
      state.transaction(c -> {
        NetworkTable.deleteSandbox(c, containerId);
        return null;
      });
    }
  }

  @Override
  public synchronized void detach(String containerId) {
    stop(containerId);
    for (Map<String, Endpoint> byContainer : endpoints.values()) {
      Endpoint e = byContainer.remove(containerId);
      if (e != null) {
        state.transaction(c -> {
          NetworkTable.deleteEndpoint(c, e.networkId(), containerId);
          return null;
        });
      }
    }
  }

  @Override
  public synchronized void connect(String network, String containerId, String containerName,
      NetworkSpec.EndpointRequest request) {
    Network n = get(network);
    if (!n.hasBridge()) {
      throw new Forbidden("container cannot be disconnected from host network or connected to host network");
    }
    ensureActive();
    if (endpoints.get(n.id()).containsKey(containerId)) {
      throw new Forbidden("endpoint with name " + containerName + " already exists in network " + n.name());
    }
    Sandbox sandbox = sandboxes.get(containerId);
    if (sandbox != null && sandbox.netns() == null) {
      throw new Forbidden("container cannot be disconnected from host network or connected to host network");
    }
    NetworkSpec.EndpointRequest r = request == null ? new NetworkSpec.EndpointRequest(List.of(), null) : request;
    if (r.ip() != null && !r.ip().isEmpty() && !n.subnet().contains(Cidr.parseAddress(r.ip()))) {
      throw new InvalidArgument("no configured subnet or ip-range contain the IP address " + r.ip());
    }
    Endpoint e = new Endpoint(Digest.of(UUID.randomUUID().toString().getBytes()).hex(), n.id(), containerId,
        containerName, r.aliases(), r.ip(), 0, "", null, joinTime());
    record(e);
    if (sandbox != null) {
      try {
        int index = (int) endpointsOf(containerId).stream().filter(Endpoint::live).count();
        connectLive(Path.of(sandbox.netns()), e, index, index == 0);
        if (n.resolvesNames() && !dnsServed.contains(containerId)) {
          serveDns(containerId, Path.of(sandbox.netns()));
        }
      } catch (IOException | RuntimeException ex) {
        endpoints.get(n.id()).remove(containerId);
        state.transaction(c -> {
          NetworkTable.deleteEndpoint(c, n.id(), containerId);
          return null;
        });
        throw ex instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) ex;
      }
    }
  }

  /** A strictly increasing time: endpoints joined in one call keep their order. */
  private Instant joinTime() {
    Instant now = Instant.now();
    lastJoin = now.isAfter(lastJoin) ? now : lastJoin.plusNanos(1);
    return lastJoin;
  }

  @Override
  public synchronized void disconnect(String network, String containerId, boolean force) {
    Network n = get(network);
    Endpoint e = endpoints.get(n.id()).get(containerId);
    if (e == null) {
      if (force) {
        return;
      }
      throw new Forbidden("container " + containerId + " is not connected to network " + n.name());
    }
    if (e.live()) {
      driver.disconnect(e);
    }
    endpoints.get(n.id()).remove(containerId);
    state.transaction(c -> {
      NetworkTable.deleteEndpoint(c, n.id(), containerId);
      return null;
    });
  }

  @Override
  public synchronized void rename(String containerId, String newName) {
    for (Endpoint e : endpointsOf(containerId)) {
      record(e.withName(newName));
    }
  }

  // DnsResolver: what the embedded DNS server answers.

  @Override
  public synchronized List<Inet4Address> lookup(String scope, String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    List<Inet4Address> out = new ArrayList<>();
    for (Endpoint mine : endpointsOf(scope)) {
      Network n = networks.get(mine.networkId());
      if (!n.resolvesNames()) {
        continue;
      }
      for (Endpoint other : endpoints.get(n.id()).values()) {
        if (!other.live()) {
          continue;
        }
        String cname = other.containerName().toLowerCase(Locale.ROOT);
        boolean match = wanted.equals(cname) || wanted.equals(cname + "." + n.name().toLowerCase(Locale.ROOT))
            || wanted.equals(other.containerId().substring(0, 12))
            || other.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(wanted));
        Inet4Address address = Cidr.inet(other.ip());
        if (match && !out.contains(address)) {
          out.add(address);
        }
      }
    }
    return out;
  }

  @Override
  public synchronized String reverse(String scope, Inet4Address address) {
    long ip = Cidr.parseAddress(address.getHostAddress());
    for (Endpoint mine : endpointsOf(scope)) {
      Network n = networks.get(mine.networkId());
      if (!n.resolvesNames()) {
        continue;
      }
      for (Endpoint other : endpoints.get(n.id()).values()) {
        if (other.live() && other.ip() == ip) {
          return other.containerName() + "." + n.name();
        }
      }
    }
    return null;
  }

  /** Removes this daemon's rules, bridges are kept: the networks outlive the daemon. */
  @Override
  public void close() {
    dns.close();
  }

  private static String hostFile(String path, String fallback) throws IOException {
    Path p = Path.of(path);
    return Files.exists(p) ? Files.readString(p) : fallback;
  }

  private static String hostHostname() throws IOException {
    return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
  }

  private static String json(Object record) {
    try {
      return Json.MAPPER.writeValueAsString(record);
    } catch (IOException e) {
      throw new SystemError("cannot write a network record: " + e.getMessage(), e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new SystemError("corrupt network record: " + e.getMessage(), e);
    }
  }
}
