package io.wharf.cli.commands;

import io.wharf.api.Filters;
import io.wharf.cli.format.Units;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code wharf builder prune}: asks first unless {@code -f} (a "no" exits 0 silently, as
 * docker's cancelled prompt does), then {@code POST /build/prune} and reports what it freed.
 */
public final class BuilderPruneCommand extends WharfCommand {
  @Flag(names = {"-a", "--all"}, description = "Remove all unused build cache, not just dangling ones")
  boolean all;

  @Flag(names = "--filter", label = "filter", description = "Provide filter values (e.g. \"until=24h\")")
  List<String> filters = new ArrayList<>();

  @Flag(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
  boolean force;

  @Flag(names = "--keep-storage", label = "bytes", description = "Amount of disk space to keep for cache")
  String keepStorage;

  @Override
  public String usageArgs() {
    return "[OPTIONS]";
  }

  @Override
  public String description() {
    return "Remove build cache";
  }

  @Override
  protected int run() throws Exception {
    String path = EngineClient.path("/build/prune", query());
    requireArgs(args, 0, 0);
    if (!force) {
      if (!Prompt.confirm(ctx, all ? "WARNING! This will remove all build cache. Are you sure you want to continue?"
          : "WARNING! This will remove all dangling build cache. Are you sure you want to continue?")) {
        return 0;
      }
    }
    try (Response response = ctx.client().post(path, null)) {
      ctx.out().print(report(response.object()));
    }
    return 0;
  }

  /** {@code all}, {@code filters} (always, empty when none, as Go's filters.ToJSON) and {@code keep-storage}. */
  SortedMap<String, Object> query() {
    Map<String, List<String>> filter = new java.util.LinkedHashMap<>();
    for (String value : filters) {
      if (value.isEmpty()) {
        continue;
      }
      int eq = value.indexOf('=');
      if (eq < 0) {
        throw FlagValues.invalid(value, "--filter", "bad format of filter (expected name=value)");
      }
      filter.computeIfAbsent(value.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
          .add(value.substring(eq + 1).strip());
    }
    long keep = FlagValues.memBytes(keepStorage, "--keep-storage");
    SortedMap<String, Object> query = new TreeMap<>();
    if (all) {
      query.put("all", "1");
    }
    query.put("filters", filter.isEmpty() ? "" : Filters.toJson(filter));
    if (keep != 0) {
      query.put("keep-storage", keep);
    }
    return query;
  }

  /** {@code {"CachesDeleted":[…]|null,"SpaceReclaimed":N}} as docker prints it. */
  static String report(Map<String, Object> answer) {
    StringBuilder out = new StringBuilder();
    if (answer.get("CachesDeleted") instanceof List<?> deleted && !deleted.isEmpty()) {
      out.append("Deleted build cache objects:\n");
      deleted.forEach(id -> out.append(id).append('\n'));
      out.append('\n');
    }
    out.append("Total reclaimed space: ").append(Units.humanSize4(Rows.number(answer, "SpaceReclaimed", 0))).append('\n');
    return out.toString();
  }
}
