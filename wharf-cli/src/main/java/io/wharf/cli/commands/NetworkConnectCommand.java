package io.wharf.cli.commands;

import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code wharf network connect}: {@code POST /networks/{id}/connect} with the container and
 * its endpoint ({@code Aliases}, {@code IPAMConfig.IPv4Address}); prints nothing. Docker's
 * {@code --ip6}, {@code --link}, {@code --link-local-ip}, {@code --driver-opt} and
 * {@code --gw-priority} are not offered.
 */
public final class NetworkConnectCommand extends WharfCommand {
  @Flag(names = "--alias", label = "strings", description = "Add network-scoped alias for the container")
  List<String> aliases = new ArrayList<>();

  @Flag(names = "--ip", label = "string", description = "IPv4 address (e.g., \"172.30.100.104\")")
  String ip = "";

  @Override
  public String usageArgs() {
    return "[OPTIONS] NETWORK CONTAINER";
  }

  @Override
  public String description() {
    return "Connect a container to a network";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 2, 2);
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("Aliases", FlagValues.slice(aliases));
    endpoint.put("IPAMConfig", Map.of("IPv4Address", ip));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Container", args.get(1));
    body.put("EndpointConfig", endpoint);
    try (Response ignored = ctx.client().post(Networks.path(args.getFirst()) + "/connect", body)) {
      return 0;
    }
  }
}
