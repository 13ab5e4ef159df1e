package io.wharf.engine.build;

import io.wharf.engine.state.BuildCacheRow;
import io.wharf.engine.state.BuildCacheTable;
import io.wharf.engine.state.StateStore;
import io.wharf.oci.Digest;
import java.time.Instant;
import java.util.List;

/**
 * The build cache: which image a step made, by the digest of its {@link CacheKey}. Kept in the
 * state database, so it survives a daemon restart; an entry goes when its image goes.
 * Thread-safe (the state store's lock).
 */
final class BuildCache {
  private final StateStore state;

  BuildCache(StateStore state) {
    this.state = state;
  }

  /**
   * The image cached for {@code key}, or null. Reads only: the uses a build makes are counted
   * once at its end ({@link #used}), not with a write per step.
   */
  String find(CacheKey key) {
    Digest digest = key.digest();
    return state.transaction(c -> BuildCacheTable.imageOf(c, digest.hex()));
  }

  /** Counts one use of each of {@code keys} (digests, in hex) now, in one transaction. */
  void used(java.util.Collection<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    state.transaction(c -> {
      BuildCacheTable.touch(c, keys, Instant.now());
      return null;
    });
  }

  void put(CacheKey key, String imageId, String description, long size) {
    Instant now = Instant.now();
    BuildCacheRow row = new BuildCacheRow(key.digest().hex(), imageId, description, size, now, now, 1);
    state.transaction(c -> {
      BuildCacheTable.put(c, row);
      return null;
    });
  }

  List<BuildCacheRow> all() {
    return state.transaction(BuildCacheTable::all);
  }

  void delete(String key) {
    state.transaction(c -> {
      BuildCacheTable.delete(c, key);
      return null;
    });
  }
}
