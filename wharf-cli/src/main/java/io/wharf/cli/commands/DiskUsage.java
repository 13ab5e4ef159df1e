package io.wharf.cli.commands;

import io.wharf.cli.format.Units;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer of {@code GET /system/df} as the docker CLI's {@code formatter/disk_usage.go}
 * shows it: a summary row per kind (Images, Containers, Local Volumes, Build Cache) with
 * {@code TYPE TOTAL ACTIVE SIZE RECLAIMABLE}, and for {@code -v} a row per object. Rows are
 * maps of the fields docker's templates see. Immutable.
 */
final class DiskUsage {
  private final long layersSize;
  private final List<Map<String, Object>> images;
  private final List<Map<String, Object>> containers;
  private final List<Map<String, Object>> volumes;
  private final List<Map<String, Object>> buildCache;

  DiskUsage(Map<String, Object> answer) {
    this.layersSize = Rows.number(answer, "LayersSize", 0);
    this.images = objects(answer, "Images");
    this.containers = objects(answer, "Containers");
    this.volumes = objects(answer, "Volumes");
    this.buildCache = objects(answer, "BuildCache");
  }

  /** The four summary rows. */
  List<Map<String, Object>> summary() {
    return List.of(imagesRow(), containersRow(), volumesRow(), buildCacheRow());
  }

  private Map<String, Object> imagesRow() {
    long used = 0;
    int active = 0;
    for (Map<String, Object> image : images) {
      long containerCount = Rows.number(image, "Containers", 0);
      if (containerCount > 0) {
        active++;
      }
      long size = Rows.number(image, "Size", 0);
      long shared = Rows.number(image, "SharedSize", 0);
      if (containerCount != 0 && size != -1 && shared != -1) {
        used += size - shared;
      }
    }
    return summaryRow("Images", images.size(), active, layersSize, withPercent(layersSize - used, layersSize));
  }

  private Map<String, Object> containersRow() {
    long size = 0;
    long reclaimable = 0;
    int active = 0;
    for (Map<String, Object> container : containers) {
      long rw = Rows.number(container, "SizeRw", 0);
      if (isActive(container)) {
        active++;
      } else {
        reclaimable += rw;
      }
      size += rw;
    }
    return summaryRow("Containers", containers.size(), active, size, withPercent(reclaimable, size));
  }

  private Map<String, Object> volumesRow() {
    long size = 0;
    long reclaimable = 0;
    int active = 0;
    for (Map<String, Object> volume : volumes) {
      Map<String, Object> usage = usageData(volume);
      long volumeSize = Rows.number(usage, "Size", 0);
      long refs = Rows.number(usage, "RefCount", 0);
      if (refs > 0) {
        active++;
      }
      if (volumeSize != -1) {
        if (refs == 0) {
          reclaimable += volumeSize;
        }
        size += volumeSize;
      }
    }
    return summaryRow("Local Volumes", volumes.size(), active, size, withPercent(reclaimable, size));
  }

  private Map<String, Object> buildCacheRow() {
    long inUse = 0;
    int active = 0;
    for (Map<String, Object> record : buildCache) {
      if (Boolean.TRUE.equals(record.get("InUse"))) {
        active++;
        if (!Boolean.TRUE.equals(record.get("Shared"))) {
          inUse += Rows.number(record, "Size", 0);
        }
      }
    }
    long size = builderSize();
    return summaryRow("Build Cache", buildCache.size(), active, size, Units.humanSize4(size - inUse));
  }

  /** The build cache's size as docker's df counts it: records not shared with others. */
  long builderSize() {
    long size = 0;
    for (Map<String, Object> record : buildCache) {
      if (!Boolean.TRUE.equals(record.get("Shared"))) {
        size += Rows.number(record, "Size", 0);
      }
    }
    return size;
  }

  private static Map<String, Object> summaryRow(String type, int total, int active, long size, String reclaimable) {
    Map<String, Object> row = new TreeMap<>();
    row.put("Type", type);
    row.put("TotalCount", Integer.toString(total));
    row.put("Active", Integer.toString(active));
    row.put("Size", Units.humanSize4(size));
    row.put("Reclaimable", reclaimable);
    return row;
  }

  /** {@code 1.2GB (45%)}, the percent an integer division as Go's; no percent of nothing. */
  private static String withPercent(long reclaimable, long total) {
    return total > 0 ? Units.humanSize4(reclaimable) + " (" + reclaimable * 100 / total + "%)" : Units.humanSize4(reclaimable);
  }

  private static boolean isActive(Map<String, Object> container) {
    String state = Rows.text(container, "State");
    return state.contains("running") || state.contains("paused") || state.contains("restarting");
  }

  /** The rows of {@code -v}: Images, Containers, Volumes and BuildCache, truncated as a table shows them or not. */
  Map<String, Object> detail(boolean truncate) {
    Map<String, Object> detail = new TreeMap<>();
    List<Map<String, Object>> imageRows = new ArrayList<>();
    images.forEach(image -> imageRows.add(imageRow(image, truncate)));
    List<Map<String, Object>> containerRows = new ArrayList<>();
    containers.forEach(container -> containerRows.add(containerRow(container, truncate)));
    List<Map<String, Object>> volumeRows = new ArrayList<>();
    volumes.forEach(volume -> volumeRows.add(VolumeLsCommand.row(volume)));
    List<Map<String, Object>> cacheRows = new ArrayList<>();
    sortedBuildCache().forEach(record -> cacheRows.add(buildCacheRow(record, truncate)));
    detail.put("Images", imageRows);
    detail.put("Containers", containerRows);
    detail.put("Volumes", volumeRows);
    detail.put("BuildCache", cacheRows);
    return detail;
  }

  private static Map<String, Object> imageRow(Map<String, Object> image, boolean truncate) {
    String repository = "<none>";
    String tag = "<none>";
    List<String> tags = Rows.strings(image, "RepoTags");
    if (!tags.isEmpty() && !tags.getFirst().equals("<none>:<none>")) {
      String reference = tags.getFirst();
      int colon = reference.lastIndexOf(':');
      if (colon > reference.lastIndexOf('/')) {
        repository = familiar(reference.substring(0, colon));
        tag = reference.substring(colon + 1);
      }
    }
    String id = Rows.text(image, "Id");
    long size = Rows.number(image, "Size", 0);
    long shared = Rows.number(image, "SharedSize", -1);
    long containerCount = Rows.number(image, "Containers", -1);
    Map<String, Object> row = new TreeMap<>();
    row.put("Repository", repository);
    row.put("Tag", tag);
    row.put("ID", truncate ? Names.shortId(id) : id);
    row.put("CreatedSince", Rows.since(Rows.number(image, "Created", 0)));
    row.put("CreatedAt", Rows.createdAt(Rows.number(image, "Created", 0)));
    row.put("Size", Units.humanSize(size));
    row.put("SharedSize", shared == -1 ? "N/A" : Units.humanSize(shared));
    row.put("UniqueSize", shared == -1 ? "N/A" : Units.humanSize(size - shared));
    row.put("Containers", containerCount == -1 ? "N/A" : Long.toString(containerCount));
    row.put("Digest", "<none>");
    return row;
  }

  /** The name as docker shows it: {@code docker.io/library/} left out. */
  private static String familiar(String name) {
    if (name.startsWith("docker.io/library/") && name.indexOf('/', "docker.io/library/".length()) < 0) {
      return name.substring("docker.io/library/".length());
    }
    return name.startsWith("docker.io/") ? name.substring("docker.io/".length()) : name;
  }

  private static Map<String, Object> containerRow(Map<String, Object> container, boolean truncate) {
    String id = Rows.text(container, "Id");
    String command = Rows.text(container, "Command");
    List<String> names = new ArrayList<>();
    Rows.strings(container, "Names").forEach(n -> names.add(n.startsWith("/") ? n.substring(1) : n));
    if (truncate) {
      names.stream().filter(n -> !n.contains("/")).findFirst().ifPresent(first -> names.retainAll(List.of(first)));
    }
    long localVolumes = 0;
    if (container.get("Mounts") instanceof List<?> mounts) {
      localVolumes = mounts.stream().filter(m -> m instanceof Map<?, ?> mount && "local".equals(mount.get("Driver"))).count();
    }
    String image = Rows.text(container, "Image");
    Map<String, Object> row = new TreeMap<>();
    row.put("ID", truncate ? Names.shortId(id) : id);
    row.put("Image", image.isEmpty() ? "<no image>" : image);
    row.put("Command", "\"" + (truncate ? Names.ellipsis(command, 20) : command).replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    row.put("LocalVolumes", Long.toString(localVolumes));
    row.put("Size", Units.humanSize(Rows.number(container, "SizeRw", 0)));
    row.put("RunningFor", Rows.since(Rows.number(container, "Created", 0)));
    row.put("CreatedAt", Rows.createdAt(Rows.number(container, "Created", 0)));
    row.put("Status", Rows.text(container, "Status"));
    row.put("State", Rows.text(container, "State"));
    row.put("Names", String.join(",", names));
    return row;
  }

  /** docker's {@code buildCacheSort}: never used first, then least recently used, ties by ID. */
  private List<Map<String, Object>> sortedBuildCache() {
    List<Map<String, Object>> sorted = new ArrayList<>(buildCache);
    sorted.sort(Comparator.comparing((Map<String, Object> r) -> instant(r.get("LastUsedAt")),
        Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).thenComparing(r -> Rows.text(r, "ID")));
    return sorted;
  }

  private static Map<String, Object> buildCacheRow(Map<String, Object> record, boolean truncate) {
    String id = Rows.text(record, "ID");
    id = truncate ? Names.shortId(id) : id;
    Instant created = instant(record.get("CreatedAt"));
    Instant lastUsed = instant(record.get("LastUsedAt"));
    Map<String, Object> row = new TreeMap<>();
    row.put("ID", Boolean.TRUE.equals(record.get("InUse")) ? id + "*" : id);
    row.put("CacheType", Rows.text(record, "Type"));
    row.put("Size", Units.humanSize(Rows.number(record, "Size", 0)));
    row.put("CreatedSince", created == null ? "" : ago(created));
    row.put("LastUsedSince", lastUsed == null ? "" : ago(lastUsed));
    row.put("UsageCount", Long.toString(Rows.number(record, "UsageCount", 0)));
    row.put("Shared", Boolean.toString(Boolean.TRUE.equals(record.get("Shared"))));
    row.put("InUse", Boolean.toString(Boolean.TRUE.equals(record.get("InUse"))));
    row.put("Description", Rows.text(record, "Description"));
    return row;
  }

  private static String ago(Instant instant) {
    return Units.humanDuration(Duration.between(instant, Instant.now())) + " ago";
  }

  private static Instant instant(Object rfc3339) {
    if (rfc3339 == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(String.valueOf(rfc3339)).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> usageData(Map<String, Object> volume) {
    return volume.get("UsageData") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of("Size", -1L);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> objects(Map<String, Object> answer, String key) {
    List<Map<String, Object>> list = new ArrayList<>();
    if (answer.get(key) instanceof List<?> items) {
      items.forEach(item -> list.add((Map<String, Object>) item));
    }
    return list;
  }
}
