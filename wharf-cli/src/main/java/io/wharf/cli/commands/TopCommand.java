package io.wharf.cli.commands;

import io.wharf.cli.format.TabWriter;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code wharf top}, {@code wharf container top}: the container's processes as the daemon's
 * {@code ps} shows them, the options after the container passed to ps (joined by spaces, as
 * the docker CLI sends them), in docker's table (tabwriter: minimum width 20, padding 3).
 */
public final class TopCommand extends WharfCommand {
  @Override
  public String usageArgs() {
    return "CONTAINER [ps OPTIONS]";
  }

  @Override
  public String description() {
    return "Display the running processes of a container";
  }

  /** {@code top c -o pid}: {@code -o} is ps's. */
  @Override
  protected boolean interspersed() {
    return false;
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, -1);
    String path = "/containers/" + URLEncoder.encode(args.getFirst(), StandardCharsets.UTF_8) + "/top";
    if (args.size() > 1) {
      path = EngineClient.path(path, Map.of("ps_args", String.join(" ", args.subList(1, args.size()))));
    }
    Map<String, Object> top;
    try (Response response = ctx.client().get(path)) {
      top = response.object();
    }
    ctx.out().print(table(top));
    return 0;
  }

  /** {@code Titles} then each of {@code Processes}, cells tab-separated, aligned. */
  static String table(Map<String, Object> top) {
    StringBuilder text = new StringBuilder(String.join("\t", Rows.strings(top, "Titles"))).append('\n');
    if (top.get("Processes") instanceof List<?> processes) {
      for (Object process : processes) {
        if (process instanceof List<?> cells) {
          text.append(String.join("\t", cells.stream().map(String::valueOf).toList())).append('\n');
        }
      }
    }
    return new TabWriter(20, 3).write(text.toString()).flush();
  }
}
