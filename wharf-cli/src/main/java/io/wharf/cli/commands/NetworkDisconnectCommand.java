package io.wharf.cli.commands;

import io.wharf.client.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code wharf network disconnect}: {@code POST /networks/{id}/disconnect {"Container","Force"}}; prints nothing. */
public final class NetworkDisconnectCommand extends WharfCommand {
  @Flag(names = {"-f", "--force"}, description = "Force the container to disconnect from a network")
  boolean force;

  @Override
  public String usageArgs() {
    return "[OPTIONS] NETWORK CONTAINER";
  }

  @Override
  public String description() {
    return "Disconnect a container from a network";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 2, 2);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Container", args.get(1));
    body.put("Force", force);
    try (Response ignored = ctx.client().post(Networks.path(args.getFirst()) + "/disconnect", body)) {
      return 0;
    }
  }
}
