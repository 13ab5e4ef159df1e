package io.wharf.cli.commands;

import io.wharf.api.Filters;
import io.wharf.cli.format.Units;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code wharf system prune}: after docker's prompt (unless {@code -f}), the prunes in
 * docker's order: {@code POST /containers/prune}, {@code /networks/prune}, with
 * {@code --volumes} {@code /volumes/prune}, {@code /images/prune} (dangling only unless
 * {@code -a}) and {@code /build/prune}, each with the {@code --filter} values; what each
 * removed, then the total space.
 */
public final class SystemPruneCommand extends WharfCommand {
  @Flag(names = {"-a", "--all"}, description = "Remove all unused images not just dangling ones")
  boolean all;

  @Flag(names = "--filter", label = "filter", description = "Provide filter values (e.g. \"label=<key>=<value>\")")
  List<String> filters = new ArrayList<>();

  @Flag(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
  boolean force;

  @Flag(names = "--volumes", description = "Prune anonymous volumes")
  boolean volumes;

  @Override
  public String usageArgs() {
    return "[OPTIONS]";
  }

  @Override
  public String description() {
    return "Remove unused data";
  }

  @Override
  protected int run() throws Exception {
    Map<String, List<String>> filter = new TreeMap<>(FilterFlags.parse(filters, "--filter"));
    requireArgs(args, 0, 0);
    if (volumes && filter.containsKey("until")) {
      throw new UsageError("ERROR: The \"until\" filter is not supported with \"--volumes\"", 1);
    }
    if (!force && !Prompt.confirm(ctx, confirmation(filter))) {
      return 0;
    }
    Map<String, List<String>> imageFilter = new TreeMap<>(filter);
    imageFilter.put("dangling", List.of(Boolean.toString(!all)));
    long reclaimed = 0;
    reclaimed += print(prune("/containers/prune", filter, "ContainersDeleted", "Deleted Containers:\n"));
    reclaimed += print(prune("/networks/prune", filter, "NetworksDeleted", "Deleted Networks:\n"));
    if (volumes) {
      reclaimed += print(VolumePruneCommand.prune(ctx, false, true, filter));
    }
    reclaimed += print(pruneImages(imageFilter));
    reclaimed += print(pruneBuildCache());
    ctx.out().println("Total reclaimed space: " + Units.humanSize4(reclaimed));
    return 0;
  }

  /** Prints what a prune removed, as it is done; returns the space it freed. */
  private long print(PruneReport report) {
    if (!report.output().isEmpty()) {
      ctx.out().println(report.output());
    }
    return report.spaceReclaimed();
  }

  /** docker's {@code confirmationTemplate}: what will go, and the filters that limit it. */
  private String confirmation(Map<String, List<String>> filter) {
    List<String> warnings = new ArrayList<>(List.of("all stopped containers", "all networks not used by at least one container"));
    if (volumes) {
      warnings.add("all anonymous volumes not used by at least one container");
    }
    warnings.add(all ? "all images without at least one container associated to them" : "all dangling images");
    warnings.add(all ? "all build cache" : "unused build cache");
    StringBuilder message = new StringBuilder("WARNING! This will remove:");
    warnings.forEach(w -> message.append("\n  - ").append(w));
    message.append('\n');
    List<String> shown = new ArrayList<>();
    for (String name : List.of("label", "label!", "until")) {
      filter.getOrDefault(name, List.of()).forEach(value -> shown.add(name + "=" + value));
    }
    if (!shown.isEmpty()) {
      shown.sort(NaturalOrder.INSTANCE);
      message.append("\n  Items to be pruned will be filtered with:");
      shown.forEach(f -> message.append("\n  - ").append(f));
      message.append('\n');
    }
    return message.append("\nAre you sure you want to continue?").toString();
  }

  private PruneReport prune(String route, Map<String, List<String>> filter, String key, String title) {
    try (Response response = ctx.client().post(path(route, filter), null)) {
      Map<String, Object> answer = response.object();
      if (answer.get(key) instanceof List<?> deleted && !deleted.isEmpty()) {
        StringBuilder output = new StringBuilder(title);
        deleted.forEach(item -> output.append(item).append('\n'));
        return new PruneReport(output.toString(), Rows.number(answer, "SpaceReclaimed", 0));
      }
      return PruneReport.NOTHING;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private PruneReport pruneImages(Map<String, List<String>> filter) {
    try (Response response = ctx.client().post(path("/images/prune", filter), null)) {
      Map<String, Object> answer = response.object();
      if (answer.get("ImagesDeleted") instanceof List<?> deleted && !deleted.isEmpty()) {
        StringBuilder output = new StringBuilder("Deleted Images:\n");
        for (Object entry : deleted) {
          Map<?, ?> item = (Map<?, ?>) entry;
          boolean untagged = item.get("Untagged") != null && !"".equals(item.get("Untagged"));
          output.append(untagged ? "untagged: " + item.get("Untagged") : "deleted: " + item.get("Deleted")).append('\n');
        }
        return new PruneReport(output.toString(), Rows.number(answer, "SpaceReclaimed", 0));
      }
      return PruneReport.NOTHING;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private PruneReport pruneBuildCache() {
    BuilderPruneCommand builder = new BuilderPruneCommand();
    builder.all = all;
    // sorted by name, as Go writes the filters' map
    builder.filters = new ArrayList<>(filters);
    builder.filters.sort(java.util.Comparator.comparing(f -> f.substring(0, Math.max(0, f.indexOf('='))).strip()
        .toLowerCase(java.util.Locale.ROOT)));
    try (Response response = ctx.client().post(EngineClient.path("/build/prune", builder.query()), null)) {
      Map<String, Object> answer = response.object();
      StringBuilder output = new StringBuilder();
      if (answer.get("CachesDeleted") instanceof List<?> deleted && !deleted.isEmpty()) {
        output.append("Deleted build cache objects:\n");
        deleted.forEach(id -> output.append(id).append('\n'));
      }
      return new PruneReport(output.toString(), Rows.number(answer, "SpaceReclaimed", 0));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A prune route with {@code filters} when there are any, as docker's client sends them. */
  private static String path(String route, Map<String, List<String>> filter) {
    return EngineClient.path(route, filter.isEmpty() ? Map.of() : Map.of("filters", Filters.toJson(filter)));
  }
}
