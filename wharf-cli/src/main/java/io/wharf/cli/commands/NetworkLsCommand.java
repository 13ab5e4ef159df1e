package io.wharf.cli.commands;

import io.wharf.api.Filters;
import io.wharf.cli.format.Formatter;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code wharf network ls}: the networks sorted by name, as docker's table or a template. */
public final class NetworkLsCommand extends WharfCommand {
  static final String TABLE = "table {{.ID}}\\t{{.Name}}\\t{{.Driver}}\\t{{.Scope}}";
  static final Map<String, String> HEADERS = Map.of("ID", "NETWORK ID", "Name", "NAME", "Driver", "DRIVER",
      "Scope", "SCOPE", "IPv4", "IPV4", "IPv6", "IPV6", "Internal", "INTERNAL", "Labels", "LABELS",
      "CreatedAt", "CREATED AT");
  private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Flag(names = {"-f", "--filter"}, label = "filter", description = "Provide filter values (e.g. \"driver=bridge\")")
  List<String> filters = new ArrayList<>();

  @Flag(names = "--format", label = "string", description = "Format output using a custom template")
  String format;

  @Flag(names = "--no-trunc", description = "Do not truncate the output")
  boolean noTrunc;

  @Flag(names = {"-q", "--quiet"}, description = "Only display network IDs")
  boolean quiet;

  @Override
  public String usageArgs() {
    return "[OPTIONS]";
  }

  @Override
  public String description() {
    return "List networks";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 0, 0);
    Map<String, List<String>> filter = FilterFlags.parse(filters);
    Map<String, Object> query = filter.isEmpty() ? Map.of() : Map.of("filters", Filters.toJson(filter));
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Response response = ctx.client().get(EngineClient.path("/networks", query))) {
      for (Map<String, Object> network : response.objects()) {
        rows.add(row(network));
      }
    }
    rows.sort(Comparator.comparing(r -> String.valueOf(r.get("Name")), NaturalOrder.INSTANCE));
    // docker's -q replaces only the table: a template of one's own still applies
    boolean table = format == null || format.isEmpty() || format.equals("table");
    Formatter.of(quiet && table ? "{{.ID}}" : format, TABLE).render(rows, HEADERS, ctx.out());
    return 0;
  }

  private Map<String, Object> row(Map<String, Object> network) {
    Map<String, Object> row = new TreeMap<>();
    String id = Rows.text(network, "Id");
    row.put("ID", noTrunc ? id : Names.shortId(id));
    row.put("Name", Rows.text(network, "Name"));
    row.put("Driver", Rows.text(network, "Driver"));
    row.put("Scope", Rows.text(network, "Scope"));
    // EnableIPv4 arrived in API 1.47; a network without it has IPv4
    row.put("IPv4", String.valueOf(!Boolean.FALSE.equals(network.get("EnableIPv4"))));
    row.put("IPv6", String.valueOf(Boolean.TRUE.equals(network.get("EnableIPv6"))));
    row.put("Internal", String.valueOf(Boolean.TRUE.equals(network.get("Internal"))));
    List<String> labels = new ArrayList<>();
    if (network.get("Labels") instanceof Map<?, ?> map) {
      map.forEach((k, v) -> labels.add(k + "=" + v));
    }
    labels.sort(null);
    row.put("Labels", String.join(",", labels));
    row.put("CreatedAt", goTime(Rows.text(network, "Created")));
    return row;
  }

  /** RFC 3339 {@code 2026-11-25T23:28:02.5Z} as Go's time.String: {@code 2026-11-25 23:28:02.5 +0000 UTC}. */
  static String goTime(String rfc3339) {
    Instant instant;
    try {
      instant = Instant.parse(rfc3339);
    } catch (java.time.format.DateTimeParseException e) {
      return rfc3339;
    }
    String text = GO_TIME.format(instant.atOffset(ZoneOffset.UTC));
    if (instant.getNano() != 0) {
      text += ("." + String.format("%09d", instant.getNano())).replaceAll("0+$", "");
    }
    return text + " +0000 UTC";
  }
}
