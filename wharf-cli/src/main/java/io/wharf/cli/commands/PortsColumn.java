package io.wharf.cli.commands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PORTS column of {@code ps} (docker's {@code formatter.DisplayablePorts}), from the list's
 * {@code Ports [{IP, PrivatePort, PublicPort, Type}]}: a port exposed only is {@code 80/tcp};
 * one published on another host port is {@code 0.0.0.0:8080->80/tcp}, IPv6 addresses in
 * brackets ({@code [::]:8080->80/tcp}); runs of consecutive ports published on the same
 * numbers collapse ({@code 0.0.0.0:8000-8001->8000-8001/tcp}, {@code 80-81/tcp}). Stateless.
 */
final class PortsColumn {
  private record Port(String ip, int privatePort, int publicPort, String type) {}

  /** A run of consecutive ports under one key ({@code tcp} or {@code 0.0.0.0/tcp}). */
  private static final class Group {
    final int first;
    int last;

    Group(int port) {
      this.first = port;
      this.last = port;
    }
  }

  private static final Comparator<Port> ORDER = Comparator.comparingInt(Port::privatePort)
      .thenComparing(Port::ip).thenComparingInt(Port::publicPort).thenComparing(Port::type);

  private PortsColumn() {}

  static String of(Map<String, Object> container) {
    List<Port> ports = new ArrayList<>();
    if (container.get("Ports") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> p) {
          @SuppressWarnings("unchecked")
          Map<String, Object> port = (Map<String, Object>) p;
          ports.add(new Port(Rows.text(port, "IP"), (int) Rows.number(port, "PrivatePort", 0),
              (int) Rows.number(port, "PublicPort", 0), Rows.text(port, "Type")));
        }
      }
    }
    ports.sort(ORDER);
    Map<String, Group> groups = new LinkedHashMap<>();
    List<String> result = new ArrayList<>();
    List<String> hostMappings = new ArrayList<>();
    for (Port port : ports) {
      String key = port.type();
      if (!port.ip().isEmpty()) {
        if (port.publicPort() != port.privatePort()) {
          hostMappings.add(hostPort(port.ip(), Integer.toString(port.publicPort())) + "->" + port.privatePort() + "/"
              + port.type());
          continue;
        }
        key = port.ip() + "/" + port.type();
      }
      Group group = groups.get(key);
      if (group == null) {
        groups.put(key, new Group(port.privatePort()));
      } else if (port.privatePort() == group.last + 1) {
        group.last = port.privatePort();
      } else {
        // the key keeps its first place; the run before the gap is printed now
        result.add(format(key, group));
        groups.put(key, new Group(port.privatePort()));
      }
    }
    groups.forEach((key, group) -> result.add(format(key, group)));
    result.addAll(hostMappings);
    return String.join(", ", result);
  }

  /** Go's net.JoinHostPort: {@code 0.0.0.0:80}, {@code [::]:80}. */
  static String hostPort(String host, String port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static String format(String key, Group group) {
    int slash = key.lastIndexOf('/');
    String ip = slash < 0 ? "" : key.substring(0, slash);
    String type = key.substring(slash + 1);
    String ports = group.first == group.last ? Integer.toString(group.first) : group.first + "-" + group.last;
    return (ip.isEmpty() ? ports : hostPort(ip, ports) + "->" + ports) + "/" + type;
  }
}
