package io.wharf.cli.commands;

import io.wharf.api.Filters;
import io.wharf.cli.format.Formatter;
import io.wharf.cli.format.Units;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code wharf images}, {@code wharf image ls}. */
public final class ImagesCommand extends WharfCommand {
  static final String TABLE = "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}";
  static final String TABLE_DIGESTS = "table {{.Repository}}\\t{{.Tag}}\\t{{.Digest}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}";
  static final Map<String, String> HEADERS = Map.of("Repository", "REPOSITORY", "Tag", "TAG", "ID", "IMAGE ID",
      "Digest", "DIGEST", "CreatedSince", "CREATED", "CreatedAt", "CREATED AT", "Size", "SIZE",
      "Containers", "CONTAINERS", "SharedSize", "SHARED SIZE", "UniqueSize", "UNIQUE SIZE");

  @Flag(names = {"-a", "--all"}, description = "Show all images (default hides intermediate images)")
  boolean all;

  @Flag(names = "--digests", description = "Show digests")
  boolean digests;

  @Flag(names = {"-f", "--filter"}, label = "filter", description = "Filter output based on conditions provided")
  List<String> filters = new ArrayList<>();

  @Flag(names = "--format", label = "string", description = "Format output using a custom template")
  String format;

  @Flag(names = "--no-trunc", description = "Don't truncate output")
  boolean noTrunc;

  @Flag(names = {"-q", "--quiet"}, description = "Only show image IDs")
  boolean quiet;

  @Override
  public String usageArgs() {
    return "[OPTIONS] [REPOSITORY[:TAG]]";
  }

  @Override
  public String description() {
    return "List images";
  }

  @Override
  protected int run() {
    requireArgs(args, 0, 1);
    Map<String, List<String>> filter = FilterFlags.parse(filters);
    if (!args.isEmpty()) {
      filter.computeIfAbsent("reference", k -> new ArrayList<>()).add(args.getFirst());
    }
    Map<String, Object> query = new LinkedHashMap<>();
    if (all) {
      query.put("all", 1);
    }
    if (!filter.isEmpty()) {
      query.put("filters", Filters.toJson(filter));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Response response = ctx.client().get(EngineClient.path("/images/json", query))) {
      for (Map<String, Object> image : response.objects()) {
        rows.addAll(rows(image));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (quiet) {
      rows.forEach(r -> ctx.out().println(r.get("ID")));
      return 0;
    }
    Formatter.of(format, digests ? TABLE_DIGESTS : TABLE).render(rows, HEADERS, ctx.out());
    return 0;
  }

  /** One row per tag, as docker prints them; a dangling image is one {@code <none>} row. */
  private List<Map<String, Object>> rows(Map<String, Object> image) {
    String id = Rows.text(image, "Id");
    List<String> tags = Rows.strings(image, "RepoTags");
    tags.remove("<none>:<none>");
    List<String> repoDigests = Rows.strings(image, "RepoDigests");
    repoDigests.remove("<none>@<none>");
    List<Map<String, Object>> rows = new ArrayList<>();
    if (tags.isEmpty()) {
      rows.add(row(image, id, "<none>", "<none>", repoDigests.isEmpty() ? "<none>" : digestOf(repoDigests.getFirst())));
    }
    for (String tag : tags) {
      int colon = tag.lastIndexOf(':');
      String repo = tag.substring(0, colon);
      String digest = repoDigests.stream().filter(d -> d.startsWith(repo + "@")).map(ImagesCommand::digestOf)
          .findFirst().orElse("<none>");
      rows.add(row(image, id, repo, tag.substring(colon + 1), digest));
    }
    return rows;
  }

  private static String digestOf(String repoDigest) {
    return repoDigest.substring(repoDigest.indexOf('@') + 1);
  }

  private Map<String, Object> row(Map<String, Object> image, String id, String repo, String tag, String digest) {
    long created = Rows.number(image, "Created", 0);
    long size = Rows.number(image, "Size", 0);
    long shared = Rows.number(image, "SharedSize", -1);
    long containers = Rows.number(image, "Containers", -1);
    Map<String, Object> row = new TreeMap<>();
    row.put("ID", noTrunc ? id : Names.shortId(id));
    row.put("Repository", repo);
    row.put("Tag", tag);
    row.put("Digest", digest);
    row.put("CreatedSince", Rows.since(created));
    row.put("CreatedAt", Rows.createdAt(created));
    row.put("Size", Units.humanSize(size));
    row.put("VirtualSize", Units.humanSize(size));
    row.put("SharedSize", shared < 0 ? "N/A" : Units.humanSize(shared));
    row.put("UniqueSize", shared < 0 ? "N/A" : Units.humanSize(size - shared));
    row.put("Containers", containers < 0 ? "N/A" : Long.toString(containers));
    return row;
  }
}
