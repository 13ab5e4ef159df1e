package io.wharf.engine.network.dns;

import java.net.Inet4Address;
import java.util.List;

/**
 * Answers a scope's names; implemented by the network service. A scope is the key given to
 * {@link DnsServer#serve}, typically a container's ID: the same name can mean different
 * containers from different containers (networks, links, aliases).
 *
 * <p>Example: a container {@code web} on network {@code front} at {@code 172.18.0.2}; from any
 * container of {@code front}, {@code lookup(scope, "web")} gives {@code [172.18.0.2]} and {@code
 * reverse(scope, 172.18.0.2)} gives {@code "web.front"}; {@code lookup(scope, "example.com")} is
 * empty and the server forwards the query upstream.
 *
 * <p>Must be thread-safe: the server calls it from many virtual threads at once. It should answer
 * from memory; a slow answer delays only the query that asked.
 */
public interface DnsResolver {
  /**
   * IPv4 addresses for {@code name} (lower-cased, without trailing dot) as seen from {@code
   * scope} (the key given to serve); empty when the name is not Wharf's (then the query is
   * forwarded upstream). A name known without IPv4 addresses cannot be expressed: Wharf's
   * networks are IPv4.
   */
  List<Inet4Address> lookup(String scope, String name);

  /** The name for a reverse lookup of {@code address}, or null (then forwarded). */
  String reverse(String scope, Inet4Address address);
}
