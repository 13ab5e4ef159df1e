package io.wharf.registry.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/** Registry host names as Docker treats them. Stateless. */
final class Hosts {
  static final String HUB = "docker.io";
  /** Where Docker Hub's registry API lives. */
  static final URI HUB_ENDPOINT = URI.create("https://registry-1.docker.io");
  /** The key the docker CLI stores Docker Hub's credentials under. */
  static final String HUB_AUTH_KEY = "https://index.docker.io/v1/";

  private Hosts() {}

  /**
   * The registry a host or server URL names: {@code docker.io} for Docker Hub under any of
   * its names ({@code index.docker.io}, {@code https://index.docker.io/v1/},
   * {@code registry-1.docker.io}); otherwise {@code host[:port]} in lower case, without
   * scheme or path.
   */
  static String normalize(String hostOrUrl) {
    String host = hostOrUrl.trim();
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    host = host.toLowerCase(Locale.ROOT);
    return switch (host) {
      case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> HUB;
      default -> host;
    };
  }

  /** The host name of {@code host[:port]}, without port or IPv6 brackets. */
  static String hostname(String hostPort) {
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      return close < 0 ? hostPort.substring(1) : hostPort.substring(1, close);
    }
    int colon = hostPort.lastIndexOf(':');
    return colon >= 0 && hostPort.indexOf(':') == colon ? hostPort.substring(0, colon) : hostPort;
  }

  /**
   * The addresses {@code hostname} stands for; empty when it does not resolve. A literal
   * address is returned without a lookup.
   */
  static InetAddress[] addresses(String hostname) {
    try {
      return InetAddress.getAllByName(hostname);
    } catch (UnknownHostException | SecurityException e) {
      return new InetAddress[0];
    }
  }

  /** True for {@code localhost} and for names whose addresses are all loopback. */
  static boolean isLoopback(String hostPort) {
    String name = hostname(hostPort);
    if (name.equalsIgnoreCase("localhost")) {
      return true;
    }
    InetAddress[] addresses = addresses(name);
    if (addresses.length == 0) {
      return false;
    }
    for (InetAddress address : addresses) {
      if (!address.isLoopbackAddress()) {
        return false;
      }
    }
    return true;
  }
}
