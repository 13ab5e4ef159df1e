package io.wharf.cli.commands;

import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code wharf logs}: the container's stdout to ours and its stderr to ours, as docker keeps them apart. */
public final class LogsCommand extends WharfCommand {
  @Flag(names = {"-f", "--follow"}, description = "Follow log output")
  boolean follow;

  @Override
  public String usageArgs() {
    return "[OPTIONS] CONTAINER";
  }

  @Override
  public String description() {
    return "Fetch the logs of a container";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, 1);
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("stdout", 1);
    query.put("stderr", 1);
    if (follow) {
      query.put("follow", 1);
    }
    try (Response logs = ctx.client().get(EngineClient.path("/containers/" + args.getFirst() + "/logs", query))) {
      Frames.copy(logs.body(), ctx.out(), ctx.err());
    }
    return 0;
  }
}
