package io.wharf.cli.commands;

import io.wharf.cli.format.Formatter;
import io.wharf.cli.format.Units;
import io.wharf.client.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code wharf history}, {@code wharf image history}. */
public final class HistoryCommand extends WharfCommand {
  static final String TABLE = "table {{.ID}}\\t{{.CreatedSince}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}";
  static final Map<String, String> HEADERS = Map.of("ID", "IMAGE", "CreatedSince", "CREATED", "CreatedAt", "CREATED AT",
      "CreatedBy", "CREATED BY", "Size", "SIZE", "Comment", "COMMENT");

  @Flag(names = "--format", label = "string", description = "Format output using a custom template")
  String format;

  @Flag(names = {"-H", "--human"},
      description = "Print sizes and dates in human readable format (default true)")
  boolean human = true;

  @Flag(names = "--no-trunc", description = "Don't truncate output")
  boolean noTrunc;

  @Flag(names = {"-q", "--quiet"}, description = "Only show image IDs")
  boolean quiet;

  @Override
  public String usageArgs() {
    return "[OPTIONS] IMAGE";
  }

  @Override
  public String description() {
    return "Show the history of an image";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, 1);
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Response response = ctx.client().get("/images/" + URLEncoder.encode(args.getFirst(), StandardCharsets.UTF_8) + "/history")) {
      for (Map<String, Object> entry : response.objects()) {
        rows.add(row(entry));
      }
    }
    if (quiet) {
      rows.forEach(r -> ctx.out().println(r.get("ID")));
      return 0;
    }
    Formatter.of(format, TABLE).render(rows, HEADERS, ctx.out());
    return 0;
  }

  private Map<String, Object> row(Map<String, Object> entry) {
    Map<String, Object> row = new TreeMap<>();
    String id = Rows.text(entry, "Id");
    row.put("ID", noTrunc || id.equals("<missing>") ? id : Names.shortId(id));
    long created = Rows.number(entry, "Created", 0);
    row.put("CreatedSince", human ? Rows.since(created) : Rows.rfc3339(created));
    row.put("CreatedAt", Rows.rfc3339(created));
    String createdBy = Rows.text(entry, "CreatedBy").replace("\t", " ");
    row.put("CreatedBy", noTrunc ? createdBy : Names.ellipsis(createdBy, 45));
    long size = Rows.number(entry, "Size", 0);
    row.put("Size", human ? Units.humanSize(size) : Long.toString(size));
    row.put("Comment", Rows.text(entry, "Comment"));
    return row;
  }
}
