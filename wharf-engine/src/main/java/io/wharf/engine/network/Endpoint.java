package io.wharf.engine.network;

import java.util.List;

/**
 * A container's attachment to a network: made at create or connect, given an address and a
 * veth while the container runs. Immutable.
 *
 * @param aliases names it answers to on this network besides its own ({@code --network-alias})
 * @param requestedIp the address asked for with {@code --ip}, or null
 * @param ip the address while running, else 0
 * @param mac the MAC address while running, else ""
 * @param hostVeth the host side of its veth pair while running, else null
 * @param joined when the container joined the network: its first network is its primary one
 */
public record Endpoint(String id, String networkId, String containerId, String containerName, List<String> aliases,
    String requestedIp, long ip, String mac, String hostVeth, java.time.Instant joined) {

  public Endpoint {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    joined = joined == null ? java.time.Instant.EPOCH : joined;
  }

  public boolean live() {
    return ip != 0;
  }

  Endpoint withLive(long address, String macAddress, String veth) {
    return new Endpoint(id, networkId, containerId, containerName, aliases, requestedIp, address, macAddress, veth,
        joined);
  }

  Endpoint withName(String name) {
    return new Endpoint(id, networkId, containerId, name, aliases, requestedIp, ip, mac, hostVeth, joined);
  }
}
