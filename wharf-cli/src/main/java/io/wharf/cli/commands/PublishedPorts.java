package io.wharf.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ports of {@code run}/{@code create} as the create body carries them:
 * {@code Config.ExposedPorts} ({@code {"80/tcp":{}}}, published and {@code --expose}d ports)
 * and {@code HostConfig.PortBindings} ({@code {"80/tcp":[{"HostIp":"","HostPort":"8080"}]}}).
 * Keys sorted, as Go writes a map. Immutable once made.
 */
record PublishedPorts(Map<String, Object> exposed, Map<String, List<Map<String, Object>>> bindings) {

  /** From {@code -p} and {@code --expose} values; throws IllegalArgumentException with docker's message. */
  static PublishedPorts of(List<String> publish, List<String> expose) {
    Map<String, Object> exposed = new TreeMap<>();
    Map<String, List<Map<String, Object>>> bindings = new TreeMap<>();
    List<String> specs = new ArrayList<>();
    for (String spec : publish) {
      specs.add(PortMapping.standardNotation(spec));
    }
    for (String spec : specs) {
      for (PortMapping mapping : PortMapping.parse(spec)) {
        exposed.put(mapping.port(), Map.of());
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("HostIp", mapping.hostIp());
        binding.put("HostPort", mapping.hostPort());
        bindings.computeIfAbsent(mapping.port(), k -> new ArrayList<>()).add(binding);
      }
    }
    for (String spec : expose) {
      for (String port : PortMapping.exposed(spec)) {
        exposed.put(port, Map.of());
      }
    }
    return new PublishedPorts(exposed, bindings);
  }
}
