package io.wharf.cli.commands;

import io.wharf.cli.format.Formatter;
import io.wharf.cli.format.GoTemplate;
import io.wharf.cli.format.Units;
import io.wharf.client.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code wharf system df}: {@code GET /system/df} as docker's summary table
 * ({@code TYPE TOTAL ACTIVE SIZE RECLAIMABLE}), or with {@code -v} a table per kind of
 * object. {@code --format} applies to the summary rows, or with {@code -v} once to the whole
 * ({@code {{range .Images}}…}).
 */
public final class SystemDfCommand extends WharfCommand {
  static final String TABLE = "table {{.Type}}\\t{{.TotalCount}}\\t{{.Active}}\\t{{.Size}}\\t{{.Reclaimable}}";
  static final String RAW = "type: {{.Type}}\ntotal: {{.TotalCount}}\nactive: {{.Active}}\nsize: {{.Size}}\nreclaimable: {{.Reclaimable}}\n";
  static final Map<String, String> HEADERS = Map.of("Type", "TYPE", "TotalCount", "TOTAL", "Active", "ACTIVE",
      "Size", "SIZE", "Reclaimable", "RECLAIMABLE");
  static final String IMAGES = "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}\\t{{.SharedSize}}"
      + "\\t{{.UniqueSize}}\\t{{.Containers}}";
  static final String CONTAINERS = "table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.LocalVolumes}}\\t{{.Size}}"
      + "\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Names}}";
  static final String VOLUMES = "table {{.Name}}\\t{{.Links}}\\t{{.Size}}";
  static final String BUILD_CACHE = "table {{.ID}}\\t{{.CacheType}}\\t{{.Size}}\\t{{.CreatedSince}}\\t{{.LastUsedSince}}"
      + "\\t{{.UsageCount}}\\t{{.Shared}}";
  static final Map<String, String> DETAIL_HEADERS = Map.ofEntries(Map.entry("Repository", "REPOSITORY"),
      Map.entry("Tag", "TAG"), Map.entry("ID", "ID"), Map.entry("CreatedSince", "CREATED"), Map.entry("Size", "SIZE"),
      Map.entry("SharedSize", "SHARED SIZE"), Map.entry("UniqueSize", "UNIQUE SIZE"), Map.entry("Containers", "CONTAINERS"),
      Map.entry("Image", "IMAGE"), Map.entry("Command", "COMMAND"), Map.entry("LocalVolumes", "LOCAL VOLUMES"),
      Map.entry("RunningFor", "CREATED"), Map.entry("Status", "STATUS"), Map.entry("Names", "NAMES"),
      Map.entry("Name", "VOLUME NAME"), Map.entry("Links", "LINKS"), Map.entry("CacheType", "CACHE TYPE"),
      Map.entry("LastUsedSince", "LAST USED"), Map.entry("UsageCount", "USAGE"), Map.entry("Shared", "SHARED"));

  @Flag(names = "--format", label = "string", description = "Format output using a custom template")
  String format;

  @Flag(names = {"-v", "--verbose"}, description = "Show detailed information on space usage")
  boolean verbose;

  @Override
  public String usageArgs() {
    return "[OPTIONS]";
  }

  @Override
  public String description() {
    return "Show docker disk usage";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 0, 0);
    DiskUsage usage;
    try (Response response = ctx.client().get("/system/df")) {
      usage = new DiskUsage(response.object());
    }
    boolean table = format == null || format.isEmpty() || format.equals("table");
    if (!verbose) {
      Formatter.of("raw".equals(format) ? RAW : format, TABLE).render(usage.summary(), HEADERS, ctx.out());
    } else if (table) {
      printSections(usage);
    } else {
      String body = format.equals("json") ? "{{json .}}" : format.replace("\\t", "\t").replace("\\n", "\n");
      ctx.out().print(GoTemplate.parse(body).execute(usage.detail(false)));
    }
    return 0;
  }

  @SuppressWarnings("unchecked")
  private void printSections(DiskUsage usage) {
    Map<String, Object> detail = usage.detail(true);
    Map<String, String> imageHeaders = new java.util.HashMap<>(DETAIL_HEADERS);
    imageHeaders.put("ID", "IMAGE ID");
    ctx.out().print("Images space usage:\n\n");
    Formatter.of(IMAGES, IMAGES).render((List<Map<String, Object>>) detail.get("Images"), imageHeaders, ctx.out());
    Map<String, String> containerHeaders = new java.util.HashMap<>(DETAIL_HEADERS);
    containerHeaders.put("ID", "CONTAINER ID");
    ctx.out().print("\nContainers space usage:\n\n");
    Formatter.of(CONTAINERS, CONTAINERS).render((List<Map<String, Object>>) detail.get("Containers"), containerHeaders,
        ctx.out());
    ctx.out().print("\nLocal Volumes space usage:\n\n");
    Formatter.of(VOLUMES, VOLUMES).render((List<Map<String, Object>>) detail.get("Volumes"), DETAIL_HEADERS, ctx.out());
    Map<String, String> cacheHeaders = new java.util.HashMap<>(DETAIL_HEADERS);
    cacheHeaders.put("ID", "CACHE ID");
    ctx.out().print("\nBuild cache usage: " + Units.humanSize4(usage.builderSize()) + "\n\n");
    Formatter.of(BUILD_CACHE, BUILD_CACHE).render((List<Map<String, Object>>) detail.get("BuildCache"), cacheHeaders,
        ctx.out());
  }
}
