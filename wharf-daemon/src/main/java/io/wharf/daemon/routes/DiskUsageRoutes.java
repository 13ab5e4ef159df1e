package io.wharf.daemon.routes;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.api.image.ImageSummary;
import io.wharf.daemon.http.ApiRequest;
import io.wharf.daemon.http.ApiResponse;
import io.wharf.daemon.http.Router;
import io.wharf.engine.build.Builder;
import io.wharf.engine.container.Container;
import io.wharf.engine.container.ContainerService;
import io.wharf.engine.image.Image;
import io.wharf.engine.image.ImageService;
import io.wharf.engine.state.BuildCacheRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /system/df}: images (with how many containers use each), containers (with their
 * writable layer's size), volumes and the build cache, as {@code docker system df} reads them.
 * Thread-safe.
 */
public final class DiskUsageRoutes {
  private final ImageService images;
  private final ContainerService containers;
  private final Builder builder;
  private final io.wharf.engine.network.NetworkService networks;
  private final io.wharf.engine.volume.VolumeService volumes;

  public DiskUsageRoutes(ImageService images, ContainerService containers, Builder builder,
      io.wharf.engine.network.NetworkService networks, io.wharf.engine.volume.VolumeService volumes) {
    this.networks = networks;
    this.volumes = volumes;
    this.images = images;
    this.containers = containers;
    this.builder = builder;
  }

  public void register(Router router) {
    router.add(HttpMethod.GET, "/system/df", this::diskUsage);
  }

  private void diskUsage(ApiRequest request, ApiResponse response) {
    List<Container> all = containers.list(true);
    Map<String, Long> users = new HashMap<>();
    for (Container c : all) {
      users.merge(c.imageId().toString(), 1L, Long::sum);
    }
    List<ImageSummary> imageRows = new ArrayList<>();
    long layers = 0;
    for (Image image : images.list(Map.of(), false)) {
      ImageSummary s = ImageViews.summary(image);
      imageRows.add(new ImageSummary(s.id(), s.parentId(), s.repoTags(), s.repoDigests(), s.created(), s.size(), 0,
          s.labels(), users.getOrDefault(s.id(), 0L)));
      layers += image.size();
    }
    List<Object> containerRows = new ArrayList<>();
    for (Container c : all) {
      containerRows.add(ContainerViews.summary(c, containers.sizes(c.id()), networks, volumes));
    }
    List<Map<String, Object>> cacheRows = new ArrayList<>();
    for (BuildCacheRow row : builder.cache()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("ID", row.key().substring(0, 25));
      entry.put("Parents", null);
      entry.put("Type", "regular");
      entry.put("Description", row.description());
      entry.put("InUse", false);
      entry.put("Shared", false);
      entry.put("Size", row.size());
      entry.put("CreatedAt", row.created().toString());
      entry.put("LastUsedAt", row.lastUsed().toString());
      entry.put("UsageCount", row.usageCount());
      cacheRows.add(entry);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("LayersSize", layers);
    body.put("Images", imageRows);
    body.put("Containers", containerRows);
    List<Map<String, Object>> volumeRows = new ArrayList<>();
    Map<String, long[]> usage = volumes.usage();
    for (var v : volumes.list(Map.of())) {
      long[] u = usage.getOrDefault(v.name(), new long[] {0, 0});
      Map<String, Object> row = VolumeRoutes.view(v);
      row.put("UsageData", Map.of("Size", u[0], "RefCount", u[1]));
      volumeRows.add(row);
    }
    body.put("Volumes", volumeRows);
    body.put("BuildCache", cacheRows);
    response.json(200, body);
  }
}
