package io.wharf.cli.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * One container port of {@code -p/--publish} and its host side: {@code port} is
 * {@code 80/tcp}, {@code hostIp} and {@code hostPort} may be empty (any address, a port the
 * daemon picks). {@link #parse} reads {@code [ip:][hostPort:]containerPort[/proto]} as the
 * docker 28 CLI does (go-connections {@code nat.ParsePortSpec}), a range giving one mapping a
 * port, and fails with its messages. Immutable.
 */
record PortMapping(String port, String hostIp, String hostPort) {

  /** A spec in docker's words: {@code 8080:80}, {@code 127.0.0.1::80/udp}, {@code [::1]:80:80}. */
  static List<PortMapping> parse(String spec) {
    String[] parts = spec.split(":", -1);
    int n = parts.length;
    String ip = n <= 2 ? "" : String.join(":", List.of(parts).subList(0, n - 2));
    String hostPort = n == 1 ? "" : parts[n - 2];
    String[] protoPort = splitProtoPort(parts[n - 1]);
    String proto = protoPort[0];
    String containerPort = protoPort[1];

    if (!ip.isEmpty() && ip.charAt(0) == '[') {
      ip = unbracket(ip);
    }
    if (!ip.isEmpty() && !FlagValues.isIpAddress(ip)) {
      throw new IllegalArgumentException("invalid IP address: " + ip);
    }
    if (containerPort.isEmpty()) {
      throw new IllegalArgumentException("no port specified: " + spec + "<empty>");
    }
    int[] container;
    try {
      container = range(containerPort);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid containerPort: " + containerPort);
    }
    int[] host = {0, 0};
    if (!hostPort.isEmpty()) {
      try {
        host = range(hostPort);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid hostPort: " + hostPort);
      }
      // a host range for one container port is the range the daemon picks from
      if (container[1] - container[0] != host[1] - host[0] && container[0] != container[1]) {
        throw new IllegalArgumentException("invalid ranges specified for container and host Ports: "
            + containerPort + " and " + hostPort);
      }
    }
    String protocol = proto.toLowerCase(java.util.Locale.ROOT);
    if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
      throw new IllegalArgumentException("invalid proto: " + proto);
    }
    List<PortMapping> mappings = new ArrayList<>();
    for (int i = 0; i <= container[1] - container[0]; i++) {
      String published = "";
      if (!hostPort.isEmpty()) {
        published = Integer.toString(host[0] + i);
        if (container[0] == container[1] && host[0] != host[1]) {
          published += "-" + host[1];
        }
      }
      mappings.add(new PortMapping((container[0] + i) + "/" + protocol, ip, published));
    }
    return mappings;
  }

  /**
   * The long syntax {@code target=80,published=8080,protocol=udp} as the short one
   * ({@code 8080:80/udp}); other specs unchanged.
   */
  static String standardNotation(String spec) {
    if (!spec.contains("=")) {
      return spec;
    }
    String target = "";
    String published = "";
    String protocol = "tcp";
    for (String param : spec.split(",", -1)) {
      int eq = param.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("invalid publish opts format (should be name=value but got '" + param + "')");
      }
      String value = param.substring(eq + 1);
      switch (param.substring(0, eq)) {
        case "target" -> target = value;
        case "published" -> published = value;
        case "protocol" -> protocol = value;
        default -> {
          // docker reads only these three and ignores the rest ("mode")
        }
      }
    }
    return published + ":" + target + "/" + protocol;
  }

  /** {@code --expose 80}, {@code 8000-8010/udp}: each port as {@code 80/tcp}, the protocol as written. */
  static List<String> exposed(String spec) {
    if (spec.contains(":")) {
      throw new IllegalArgumentException("invalid port format for --expose: " + spec);
    }
    String[] protoPort = splitProtoPort(spec);
    int[] range;
    try {
      range = range(protoPort[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid range format for --expose: " + spec + ", error: " + e.getMessage());
    }
    List<String> ports = new ArrayList<>();
    for (int port = range[0]; port <= range[1]; port++) {
      ports.add(port + "/" + protoPort[0]);
    }
    return ports;
  }

  /** {@code {proto, port}}: {@code tcp} when none is given; both empty when there is no port. */
  private static String[] splitProtoPort(String raw) {
    String[] parts = raw.split("/", -1);
    if (raw.isEmpty() || parts[0].isEmpty()) {
      return new String[] {"", ""};
    }
    if (parts.length == 1 || parts[1].isEmpty()) {
      return new String[] {"tcp", parts[0]};
    }
    return new String[] {parts[1], parts[0]};
  }

  /** {@code 80} or {@code 8000-8010} as {@code {first, last}}, with Go's messages. */
  static int[] range(String ports) {
    if (ports.isEmpty()) {
      throw new IllegalArgumentException("empty string specified for ports");
    }
    if (!ports.contains("-")) {
      int port = uint16(ports);
      return new int[] {port, port};
    }
    String[] parts = ports.split("-", -1);
    int start = uint16(parts[0]);
    int end = uint16(parts[1]);
    if (end < start) {
      throw new IllegalArgumentException("invalid range specified for port: " + ports);
    }
    return new int[] {start, end};
  }

  /** Go's {@code strconv.ParseUint(text, 10, 16)}. */
  static int uint16(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("strconv.ParseUint: parsing \"\": invalid syntax");
    }
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("strconv.ParseUint: parsing \"" + text + "\": invalid syntax");
      }
      value = value * 10 + (c - '0');
      if (value > 0xFFFF) {
        throw new IllegalArgumentException("strconv.ParseUint: parsing \"" + text + "\": value out of range");
      }
    }
    return value;
  }

  /** {@code [::1]} → {@code ::1}, as Go's net.SplitHostPort reads {@code [::1]:}. */
  private static String unbracket(String ip) {
    String hostport = ip + ":";
    int end = hostport.indexOf(']');
    String why = null;
    if (end < 0) {
      why = "missing ']' in address";
    } else if (end + 1 != hostport.length() - 1) {
      why = hostport.charAt(end + 1) == ':' ? "too many colons in address" : "missing port in address";
    } else if (hostport.indexOf('[', 1) >= 0) {
      why = "unexpected '[' in address";
    }
    if (why != null) {
      throw new IllegalArgumentException("invalid IP address " + ip + ": address " + hostport + ": " + why);
    }
    return hostport.substring(1, end);
  }
}
