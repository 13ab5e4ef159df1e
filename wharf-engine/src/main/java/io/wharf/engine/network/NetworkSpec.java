package io.wharf.engine.network;

import java.util.List;
import java.util.Map;

/**
 * What a container asks of the network, at create: Docker's {@code NetworkMode},
 * {@code PortBindings}, {@code PublishAllPorts}, {@code Dns*}, {@code ExtraHosts} and
 * {@code NetworkingConfig}. Immutable; null lists and maps read as empty.
 *
 * @param mode {@code bridge} (also {@code default}, empty), {@code host}, {@code none},
 *     {@code container:<id>} (resolved to an ID at create) or a network's name or ID
 * @param ports the bindings asked for, by container port ({@code 80/tcp}); an empty host port
 *     means a free one
 * @param exposed every exposed port (image and request), for {@code -P}
 * @param endpoints the settings of each network joined at create, by network name or ID
 */
public record NetworkSpec(String mode, Map<String, List<Binding>> ports, boolean publishAll, List<String> exposed,
    List<String> dns, List<String> dnsSearch, List<String> dnsOptions, List<String> extraHosts,
    Map<String, EndpointRequest> endpoints) {

  /** Docker's default: the default bridge, nothing published. */
  public static final NetworkSpec DEFAULT = new NetworkSpec("bridge", Map.of(), false, List.of(), List.of(), List.of(),
      List.of(), List.of(), Map.of());

  public NetworkSpec {
    mode = mode == null || mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
    ports = ports == null ? Map.of() : Map.copyOf(ports);
    exposed = exposed == null ? List.of() : List.copyOf(exposed);
    dns = dns == null ? List.of() : List.copyOf(dns);
    dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
    dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
    extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
  }

  /** One host binding: {@code hostIp} may be empty (every address), {@code hostPort} empty (any free port). */
  public record Binding(String hostIp, String hostPort) {}

  /** {@code --network-alias} and {@code --ip} for one network. */
  public record EndpointRequest(List<String> aliases, String ip) {}

  public boolean sharesContainer() {
    return mode.startsWith("container:");
  }
}
