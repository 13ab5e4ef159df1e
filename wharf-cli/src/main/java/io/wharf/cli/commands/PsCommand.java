package io.wharf.cli.commands;

import io.wharf.api.Filters;
import io.wharf.cli.format.Formatter;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code wharf ps}, {@code wharf container ls}. */
public final class PsCommand extends WharfCommand {
  static final String TABLE = "table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}";
  static final Map<String, String> HEADERS = Map.of("ID", "CONTAINER ID", "Image", "IMAGE", "Command", "COMMAND",
      "RunningFor", "CREATED", "CreatedAt", "CREATED AT", "Status", "STATUS", "Ports", "PORTS", "Names", "NAMES",
      "Size", "SIZE", "State", "STATE");

  @Flag(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
  boolean all;

  @Flag(names = {"-f", "--filter"}, label = "filter", description = "Filter output based on conditions provided")
  List<String> filters = new ArrayList<>();

  @Flag(names = "--format", label = "string", description = "Format output using a custom template")
  String format;

  @Flag(names = {"-n", "--last"}, label = "int", description = "Show n last created containers (includes all states)")
  int last = -1;

  @Flag(names = {"-l", "--latest"}, description = "Show the latest created container (includes all states)")
  boolean latest;

  @Flag(names = "--no-trunc", description = "Don't truncate output")
  boolean noTrunc;

  @Flag(names = {"-q", "--quiet"}, description = "Only display container IDs")
  boolean quiet;

  @Flag(names = {"-s", "--size"}, description = "Display total file sizes")
  boolean size;

  @Override
  public String usageArgs() {
    return "[OPTIONS]";
  }

  @Override
  public String description() {
    return "List containers";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 0, 0);
    Map<String, Object> query = new LinkedHashMap<>();
    if (all || latest || last > 0) {
      query.put("all", 1);
    }
    if (latest) {
      query.put("limit", 1);
    } else if (last > 0) {
      query.put("limit", last);
    }
    if (size) {
      query.put("size", 1);
    }
    Map<String, List<String>> filter = FilterFlags.parse(filters);
    if (!filter.isEmpty()) {
      query.put("filters", Filters.toJson(filter));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Response response = ctx.client().get(EngineClient.path("/containers/json", query))) {
      for (Map<String, Object> c : response.objects()) {
        rows.add(row(c));
      }
    }
    if (quiet) {
      rows.forEach(r -> ctx.out().println(r.get("ID")));
      return 0;
    }
    String table = size ? TABLE + "\\t{{.Size}}" : TABLE;
    Formatter.of(format, table).render(rows, HEADERS, ctx.out());
    return 0;
  }

  private Map<String, Object> row(Map<String, Object> c) {
    Map<String, Object> row = new TreeMap<>();
    String id = Rows.text(c, "Id");
    row.put("ID", noTrunc ? id : Names.shortId(id));
    row.put("Image", Rows.text(c, "Image"));
    String command = "\"" + Rows.text(c, "Command") + "\"";
    row.put("Command", noTrunc ? command : Names.ellipsis(command, 20));
    row.put("RunningFor", Rows.since(Rows.number(c, "Created", 0)));
    row.put("CreatedAt", Rows.createdAt(Rows.number(c, "Created", 0)));
    row.put("Status", Rows.text(c, "Status"));
    row.put("State", Rows.text(c, "State"));
    List<String> names = new ArrayList<>();
    Rows.strings(c, "Names").forEach(n -> names.add(n.startsWith("/") ? n.substring(1) : n));
    row.put("Names", String.join(",", names));
    row.put("Ports", PortsColumn.of(c));
    row.put("Size", "");
    row.put("Labels", "");
    row.put("Mounts", "");
    row.put("Networks", networks(c));
    return row;
  }

  /** The names of the networks the container is on, comma-separated. */
  private static String networks(Map<String, Object> c) {
    if (c.get("NetworkSettings") instanceof Map<?, ?> settings && settings.get("Networks") instanceof Map<?, ?> networks) {
      List<String> names = new ArrayList<>();
      networks.keySet().forEach(name -> names.add(String.valueOf(name)));
      return String.join(",", names);
    }
    return "";
  }
}
