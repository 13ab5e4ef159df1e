package io.wharf.cli.commands;

import io.wharf.api.Filters;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code wharf network prune}: asks first unless {@code -f} (a "no" exits 0 silently, as
 * docker's cancelled prompt does), then {@code POST /networks/prune} and lists the removed
 * networks followed by a blank line, as docker prints its report.
 */
public final class NetworkPruneCommand extends WharfCommand {
  @Flag(names = "--filter", label = "filter", description = "Provide filter values (e.g. \"until=<timestamp>\")")
  List<String> filters = new ArrayList<>();

  @Flag(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
  boolean force;

  @Override
  public String usageArgs() {
    return "[OPTIONS]";
  }

  @Override
  public String description() {
    return "Remove all unused networks";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 0, 0);
    Map<String, List<String>> filter = FilterFlags.parse(filters, "--filter");
    if (!force) {
      if (!Prompt.confirm(ctx, "WARNING! This will remove all custom networks not used by at least one container.\n"
          + "Are you sure you want to continue?")) {
        return 0;
      }
    }
    Map<String, Object> query = filter.isEmpty() ? Map.of() : Map.of("filters", Filters.toJson(filter));
    try (Response response = ctx.client().post(EngineClient.path("/networks/prune", query), null)) {
      if (response.object().get("NetworksDeleted") instanceof List<?> deleted && !deleted.isEmpty()) {
        StringBuilder report = new StringBuilder("Deleted Networks:\n");
        deleted.forEach(name -> report.append(name).append('\n'));
        ctx.out().println(report);
      }
    }
    return 0;
  }
}
