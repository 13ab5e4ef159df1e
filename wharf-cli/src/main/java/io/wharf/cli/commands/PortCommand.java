package io.wharf.cli.commands;

import io.wharf.client.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code wharf port}, {@code wharf container port}: the container's published ports from its
 * {@code NetworkSettings.Ports}, as {@code 80/tcp -> 0.0.0.0:8080} lines, or the host
 * addresses of one port; lines in docker's natural order.
 */
public final class PortCommand extends WharfCommand {
  @Override
  public String usageArgs() {
    return "CONTAINER [PRIVATE_PORT[/PROTO]]";
  }

  @Override
  public String description() {
    return "List port mappings or a specific mapping for the container";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, 2);
    String container = args.getFirst();
    Map<?, ?> ports = Map.of();
    try (Response response = ctx.client().get("/containers/" + URLEncoder.encode(container, StandardCharsets.UTF_8)
        + "/json")) {
      if (response.object().get("NetworkSettings") instanceof Map<?, ?> settings
          && settings.get("Ports") instanceof Map<?, ?> published) {
        ports = published;
      }
    }
    List<String> lines = new ArrayList<>();
    if (args.size() > 1) {
      String asked = args.get(1);
      int slash = asked.indexOf('/');
      String port = slash < 0 ? asked : asked.substring(0, slash);
      String proto = slash < 0 || slash == asked.length() - 1 ? "tcp" : asked.substring(slash + 1);
      try {
        PortMapping.uint16(port);
      } catch (IllegalArgumentException e) {
        throw new UsageError("Error: invalid port (" + port + "): " + e.getMessage(), 1);
      }
      if (!(ports.get(port + "/" + proto) instanceof List<?> frontends) || frontends.isEmpty()) {
        throw new UsageError("Error: No public port '" + asked + "' published for " + container, 1);
      }
      frontends.forEach(frontend -> lines.add(address(frontend)));
    } else {
      ports.forEach((from, frontends) -> {
        if (frontends instanceof List<?> list) {
          list.forEach(frontend -> lines.add(from + " -> " + address(frontend)));
        }
      });
    }
    lines.sort(NaturalOrder.INSTANCE);
    if (!lines.isEmpty()) {
      ctx.out().println(String.join("\n", lines));
    }
    return 0;
  }

  /** {@code {"HostIp":"::","HostPort":"8080"}} → {@code [::]:8080}. */
  private static String address(Object frontend) {
    if (!(frontend instanceof Map<?, ?> binding)) {
      return ":";
    }
    Object ip = binding.get("HostIp");
    Object port = binding.get("HostPort");
    return PortsColumn.hostPort(ip == null ? "" : ip.toString(), port == null ? "" : port.toString());
  }
}
