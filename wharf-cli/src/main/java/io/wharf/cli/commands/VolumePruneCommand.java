package io.wharf.cli.commands;

import io.wharf.api.Filters;
import io.wharf.cli.CliContext;
import io.wharf.cli.format.Units;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code wharf volume prune}: asks first unless {@code -f} (a "no" exits 0 silently, as
 * docker's cancelled prompt does), then {@code POST /volumes/prune}. Only anonymous volumes
 * go unless {@code -a}, which docker sends as the filter {@code all=true} (API 1.42 and
 * later; before that the daemon removes named volumes too, and the prompt says so).
 */
public final class VolumePruneCommand extends WharfCommand {
  static final String ANONYMOUS_WARNING =
      "WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?";
  static final String ALL_WARNING =
      "WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?";

  @Flag(names = {"-a", "--all"}, description = "Remove all unused volumes, not just anonymous ones")
  boolean all;

  @Flag(names = "--filter", label = "filter", description = "Provide filter values (e.g. \"label=<label>\")")
  List<String> filters = new ArrayList<>();

  @Flag(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
  boolean force;

  @Override
  public String usageArgs() {
    return "[OPTIONS]";
  }

  @Override
  public String description() {
    return "Remove unused local volumes";
  }

  @Override
  protected int run() throws Exception {
    Map<String, List<String>> filter = new TreeMap<>(FilterFlags.parse(filters, "--filter"));
    requireArgs(args, 0, 0);
    PruneReport report = prune(ctx, all, force, filter);
    if (report == null) {
      return 0;
    }
    if (!report.output().isEmpty()) {
      ctx.out().println(report.output());
    }
    ctx.out().println("Total reclaimed space: " + Units.humanSize4(report.spaceReclaimed()));
    return 0;
  }

  /** docker's volume {@code runPrune}: null when the prompt was declined. */
  static PruneReport prune(CliContext ctx, boolean all, boolean force, Map<String, List<String>> filters) throws Exception {
    Map<String, List<String>> query = new TreeMap<>(filters);
    String warning = ANONYMOUS_WARNING;
    if (ctx.client().version().atLeast(42)) {
      if (all) {
        if (query.containsKey("all")) {
          throw new UsageError("conflicting options: cannot specify both --all and --filter all=1", 1);
        }
        query.put("all", List.of("true"));
        warning = ALL_WARNING;
      }
    } else {
      warning = ALL_WARNING; // API < 1.42 removes named volumes too
    }
    if (!force && !Prompt.confirm(ctx, warning)) {
      return null;
    }
    String path = EngineClient.path("/volumes/prune", query.isEmpty() ? Map.of() : Map.of("filters", Filters.toJson(query)));
    try (Response response = ctx.client().post(path, null)) {
      Map<String, Object> answer = response.object();
      if (answer.get("VolumesDeleted") instanceof List<?> deleted && !deleted.isEmpty()) {
        StringBuilder output = new StringBuilder("Deleted Volumes:\n");
        deleted.forEach(name -> output.append(name).append('\n'));
        return new PruneReport(output.toString(), Rows.number(answer, "SpaceReclaimed", 0));
      }
      return PruneReport.NOTHING;
    }
  }
}
