package io.wharf.engine.build;

import io.wharf.engine.container.Container;
import io.wharf.engine.container.ContainerService;
import io.wharf.engine.image.FilterTime;
import io.wharf.engine.image.Image;
import io.wharf.engine.image.ImageService;
import io.wharf.engine.state.BuildCacheRow;
import io.wharf.oci.errors.Conflict;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docker builder prune}: drops cache entries, then the intermediate images they named
 * that nothing else needs (untagged, without children, unused by containers). Without
 * {@code all}, entries that a tagged image or a container's image builds on stay: they are
 * the cache of what exists. Stateless apart from its services.
 */
final class CachePruner {
  private final ImageService images;
  private final ContainerService containers;
  private final BuildCache cache;

  CachePruner(ImageService images, ContainerService containers, BuildCache cache) {
    this.images = images;
    this.containers = containers;
    this.cache = cache;
  }

  Builder.PruneResult prune(boolean all, Map<String, List<String>> filters) {
    Instant until = null;
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      switch (f.getKey()) {
        case "until" -> until = f.getValue().isEmpty() ? null : FilterTime.until(f.getValue().getFirst());
        default -> throw new InvalidArgument("invalid filter '" + f.getKey() + "'");
      }
    }
    Set<String> kept = all ? Set.of() : inUse();
    List<String> deleted = new ArrayList<>();
    Map<String, Long> candidates = new HashMap<>();
    for (BuildCacheRow row : cache.all()) {
      if (kept.contains(row.imageId()) || (until != null && !row.lastUsed().isBefore(until))) {
        continue;
      }
      cache.delete(row.key());
      deleted.add(row.key().substring(0, 25));
      candidates.merge(row.imageId(), row.size(), Long::sum);
    }
    long reclaimed = 0;
    boolean progress = true;
    while (progress && !candidates.isEmpty()) {
      progress = false;
      for (String id : List.copyOf(candidates.keySet())) {
        try {
          Image image = images.get(id);
          if (!image.repoTags().isEmpty()) {
            candidates.remove(id);
            continue;
          }
          images.remove(id, false, true);
          reclaimed += candidates.remove(id);
          progress = true;
        } catch (NotFound gone) {
          reclaimed += candidates.remove(id);
        } catch (Conflict needed) {
          // a child or a container still needs it: perhaps after its children go
        }
      }
    }
    return new Builder.PruneResult(deleted, reclaimed);
  }

  /** The images tagged images and containers stand on, themselves included. */
  private Set<String> inUse() {
    Map<String, String> parents = new HashMap<>();
    List<String> roots = new ArrayList<>();
    for (Image image : images.list(Map.of(), true)) {
      String id = image.id().toString();
      parents.put(id, image.parent() == null ? null : image.parent().toString());
      if (!image.repoTags().isEmpty()) {
        roots.add(id);
      }
    }
    for (Container c : containers.list(true)) {
      roots.add(c.imageId().toString());
    }
    Set<String> used = new HashSet<>();
    for (String id : roots) {
      for (String at = id; at != null && used.add(at); at = parents.get(at)) {
        // walk up to the base image
      }
    }
    return used;
  }
}
