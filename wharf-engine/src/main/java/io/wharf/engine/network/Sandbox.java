package io.wharf.engine.network;

import java.util.List;

/**
 * A running container's network: the namespace its process joins (null: the host's), its
 * published ports, and the /etc/hosts and /etc/resolv.conf it gets. Immutable.
 *
 * @param netns the path of the network namespace for the bundle, or null to share the host's
 * @param hosts the text of its /etc/hosts
 * @param resolvConf the text of its /etc/resolv.conf
 * @param hostname the host name it gets (the host's with {@code --network host})
 */
public record Sandbox(String containerId, String netns, List<PortMapping> ports, String hosts, String resolvConf,
    String hostname) {

  public Sandbox {
    ports = ports == null ? List.of() : List.copyOf(ports);
  }
}
