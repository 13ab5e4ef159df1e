package io.wharf.cli.commands;

import io.wharf.api.Filters;
import io.wharf.cli.format.Units;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code wharf image prune}: asks first unless {@code -f}, then reports what it freed. */
public final class ImagePruneCommand extends WharfCommand {
  @Flag(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones")
  boolean all;

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
    return "Remove unused images";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 0, 0);
    if (!force) {
      if (!Prompt.confirm(ctx, (all
          ? "WARNING! This will remove all images without at least one container associated to them.\n"
          : "WARNING! This will remove all dangling images.\n") + "Are you sure you want to continue?")) {
        ctx.out().println();
        return 0;
      }
    }
    Map<String, List<String>> filter = FilterFlags.parse(filters);
    filter.put("dangling", List.of(all ? "false" : "true"));
    String path = EngineClient.path("/images/prune", Map.of("filters", Filters.toJson(filter)));
    try (Response response = ctx.client().post(path, null)) {
      Map<String, Object> report = response.object();
      if (report.get("ImagesDeleted") instanceof List<?> deleted && !deleted.isEmpty()) {
        ctx.out().println("Deleted Images:");
        for (Object entry : deleted) {
          Map<?, ?> item = (Map<?, ?>) entry;
          if (item.get("Untagged") != null) {
            ctx.out().println("untagged: " + item.get("Untagged"));
          }
          if (item.get("Deleted") != null) {
            ctx.out().println("deleted: " + item.get("Deleted"));
          }
        }
        ctx.out().println();
      }
      ctx.out().println("Total reclaimed space: " + Units.humanSize(Rows.number(report, "SpaceReclaimed", 0)));
    }
    return 0;
  }
}
