package io.wharf.engine.network;

import java.time.Instant;
import java.util.Map;

/**
 * A network as recorded. {@code driver} is {@code bridge}, {@code host} or {@code null} (Docker's
 * name for {@code none}); only bridge networks have a subnet, a gateway and a Linux bridge.
 * Immutable.
 *
 * @param bridge the Linux bridge's name, or null
 * @param builtin one of the three networks every daemon has ({@code bridge}, {@code host},
 *     {@code none}): not removable, and the default bridge has no name resolution
 */
public record Network(String id, String name, String driver, Instant created, Cidr subnet, long gateway, Cidr ipRange,
    boolean internal, boolean attachable, Map<String, String> labels, Map<String, String> options, String bridge,
    boolean builtin) {

  public Network {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** A bridge network (not {@code host}, not {@code none}). Not named isBridge: Jackson would take it for {@code bridge}. */
  public boolean hasBridge() {
    return driver.equals("bridge");
  }

  /** User-defined bridge networks resolve container names; the default bridge does not. */
  public boolean resolvesNames() {
    return hasBridge() && !builtin;
  }

  /** The gateway as {@code 172.18.0.1}. */
  public String gatewayText() {
    return gateway == 0 ? "" : Cidr.format(gateway);
  }
}
