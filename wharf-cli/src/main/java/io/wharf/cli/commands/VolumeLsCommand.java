package io.wharf.cli.commands;

import io.wharf.api.Filters;
import io.wharf.cli.format.Formatter;
import io.wharf.cli.format.Units;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code wharf volume ls}: the volumes of {@code GET /volumes}, in natural order of names, as docker's table or a template. */
public final class VolumeLsCommand extends WharfCommand {
  static final String TABLE = "table {{.Driver}}\\t{{.Name}}";
  static final Map<String, String> HEADERS = Map.ofEntries(Map.entry("ID", "ID"), Map.entry("Name", "VOLUME NAME"),
      Map.entry("Group", "GROUP"), Map.entry("Driver", "DRIVER"), Map.entry("Scope", "SCOPE"),
      Map.entry("Availability", "AVAILABILITY"), Map.entry("Mountpoint", "MOUNTPOINT"), Map.entry("Labels", "LABELS"),
      Map.entry("Links", "LINKS"), Map.entry("Size", "SIZE"), Map.entry("Status", "STATUS"));

  @Flag(names = {"-f", "--filter"}, label = "filter", description = "Provide filter values (e.g. \"dangling=true\")")
  List<String> filters = new ArrayList<>();

  @Flag(names = "--format", label = "string", description = "Format output using a custom template")
  String format;

  @Flag(names = {"-q", "--quiet"}, description = "Only display volume names")
  boolean quiet;

  @Override
  public String usageArgs() {
    return "[OPTIONS]";
  }

  @Override
  public String description() {
    return "List volumes";
  }

  @Override
  protected int run() throws Exception {
    Map<String, List<String>> filter = new TreeMap<>(FilterFlags.parse(filters));
    requireArgs(args, 0, 0);
    Map<String, Object> query = filter.isEmpty() ? Map.of() : Map.of("filters", Filters.toJson(filter));
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Response response = ctx.client().get(EngineClient.path("/volumes", query))) {
      if (response.object().get("Volumes") instanceof List<?> volumes) {
        for (Object volume : volumes) {
          @SuppressWarnings("unchecked")
          Map<String, Object> fields = (Map<String, Object>) volume;
          rows.add(row(fields));
        }
      }
    }
    rows.sort(Comparator.comparing(r -> String.valueOf(r.get("Name")), NaturalOrder.INSTANCE));
    // docker's -q replaces only the table: a template of one's own still applies
    boolean table = format == null || format.isEmpty() || format.equals("table");
    Formatter.of(quiet && table ? "{{.Name}}" : format, TABLE).render(rows, HEADERS, ctx.out());
    return 0;
  }

  /** The fields docker's volume context has (its JSON, for {@code --format json}). */
  static Map<String, Object> row(Map<String, Object> volume) {
    Map<String, Object> row = new TreeMap<>();
    row.put("Name", Rows.text(volume, "Name"));
    row.put("Driver", Rows.text(volume, "Driver"));
    row.put("Scope", Rows.text(volume, "Scope"));
    row.put("Mountpoint", Rows.text(volume, "Mountpoint"));
    List<String> labels = new ArrayList<>();
    if (volume.get("Labels") instanceof Map<?, ?> map) {
      map.forEach((k, v) -> labels.add(k + "=" + v));
    }
    labels.sort(null);
    row.put("Labels", String.join(",", labels));
    boolean usage = volume.get("UsageData") instanceof Map<?, ?>;
    @SuppressWarnings("unchecked")
    Map<String, Object> data = usage ? (Map<String, Object>) volume.get("UsageData") : Map.of();
    row.put("Links", usage ? Long.toString(Rows.number(data, "RefCount", 0)) : "N/A");
    row.put("Size", usage ? Units.humanSize4(Rows.number(data, "Size", 0)) : "N/A");
    row.put("Group", "N/A");
    row.put("Availability", "N/A");
    row.put("Status", "N/A");
    return row;
  }
}
