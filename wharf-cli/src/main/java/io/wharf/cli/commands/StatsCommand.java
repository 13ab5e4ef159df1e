package io.wharf.cli.commands;

import io.wharf.cli.format.Formatter;
import io.wharf.client.Response;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code wharf stats}, {@code wharf container stats}: the containers' CPU, memory, network,
 * block I/O and pids, once ({@code --no-stream}) or redrawn every half second. Without names,
 * the running containers (every container with {@code --all}), followed as they come and go;
 * with names, those, an error for any that cannot be had.
 */
public final class StatsCommand extends WharfCommand {
  static final String TABLE =
      "table {{.ID}}\\t{{.Name}}\\t{{.CPUPerc}}\\t{{.MemUsage}}\\t{{.MemPerc}}\\t{{.NetIO}}\\t{{.BlockIO}}\\t{{.PIDs}}";
  static final Map<String, String> HEADERS = Map.of("Container", "CONTAINER", "Name", "NAME", "ID", "CONTAINER ID",
      "CPUPerc", "CPU %", "MemUsage", "MEM USAGE / LIMIT", "MemPerc", "MEM %", "NetIO", "NET I/O", "BlockIO",
      "BLOCK I/O", "PIDs", "PIDS");
  /** docker's erase to the end of the line, and to the end of the screen. */
  private static final String ERASE_LINE = "\033[K";
  private static final String ERASE_BELOW = "\033[J";

  @Flag(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
  boolean all;

  @Flag(names = "--format", label = "string", description = "Format output using a custom template")
  String format;

  @Flag(names = "--no-stream", description = "Disable streaming stats and only pull the first result")
  boolean noStream;

  @Flag(names = "--no-trunc", description = "Do not truncate output")
  boolean noTrunc;

  /** How often the table is redrawn; docker's ticker. */
  Duration refresh = Duration.ofMillis(500);
  /** How many tables a stream draws before it ends (tests); unbounded for a user, who stops it with ^C. */
  long maxFrames = Long.MAX_VALUE;
  /** Whether stdout is a terminal, which docker redraws in place. */
  Boolean terminal;

  @Override
  public String usageArgs() {
    return "[OPTIONS] [CONTAINER...]";
  }

  @Override
  public String description() {
    return "Display a live stream of container(s) resource usage statistics";
  }

  @Override
  protected int run() throws Exception {
    Formatter formatter = Formatter.of(format, TABLE);
    boolean showAll = args.isEmpty();
    ctx.client().version(); // connected, wharfd started if it is ours to start, before the streams connect
    try (StatsCollector collector = new StatsCollector(ctx.host(), !noStream)) {
      if (showAll) {
        follow(collector, listed());
      } else {
        args.forEach(collector::add);
      }
      collector.awaitFirst();
      List<String> errors = collector.errors();
      if (!showAll && !errors.isEmpty()) {
        throw new UsageError(String.join("\n", errors), 1);
      }
      PrintStream out = ctx.out();
      if (noStream) {
        out.print(table(formatter, collector.entries()));
        out.flush();
        return 0;
      }
      boolean inPlace = terminal != null ? terminal : System.console() != null && System.console().isTerminal()
          && out == System.out;
      for (long frame = 0; frame < maxFrames; frame++) {
        if (frame > 0) {
          Thread.sleep(refresh);
          if (showAll) {
            follow(collector, listed());
          }
        }
        out.print(frame(table(formatter, collector.entries()), inPlace));
        out.flush();
      }
    }
    return 0;
  }

  /** The containers to show without names: running ones, or all; by 12-character ID, which the daemon resolves. */
  private List<String> listed() throws Exception {
    List<String> ids = new ArrayList<>();
    try (Response response = ctx.client().get("/containers/json" + (all ? "?all=1" : ""))) {
      for (Map<String, Object> c : response.objects()) {
        ids.add(Names.shortId(Rows.text(c, "Id")));
      }
    }
    return ids;
  }

  /** Collects the containers listed now and drops those gone, as docker's start/die events do. */
  private static void follow(StatsCollector collector, List<String> listed) {
    Set<String> now = new HashSet<>(listed);
    for (String known : collector.containers()) {
      if (!now.contains(known)) {
        collector.remove(known);
      }
    }
    listed.forEach(collector::add);
  }

  private String table(Formatter formatter, List<StatsEntry> entries) {
    List<Map<String, Object>> rows = new ArrayList<>();
    entries.forEach(e -> rows.add(e.row(!noTrunc)));
    StringBuilder text = new StringBuilder();
    formatter.render(rows, HEADERS, text);
    return text.toString();
  }

  /**
   * One redraw. On a terminal, docker writes over the previous table from the top left, each
   * line erased to its end and the screen below erased, so that nothing of a longer table
   * stays; elsewhere the tables follow one another.
   */
  static String frame(String table, boolean inPlace) {
    if (!inPlace) {
      return table;
    }
    StringBuilder screen = new StringBuilder("\033[H");
    for (String line : table.split("\n")) {
      screen.append(line).append(ERASE_LINE).append('\n');
    }
    return screen.append(ERASE_BELOW).toString();
  }
}
