package io.wharf.engine.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the build cache: one row a step, keyed by its cache key's digest. A row goes with
 * its image (ON DELETE CASCADE), so the cache never names an image that is gone. Works inside
 * the caller's transaction. Stateless.
 */
public final class BuildCacheTable {
  private BuildCacheTable() {}

  public static void put(Connection c, BuildCacheRow row) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO build_cache "
        + "(key, image_id, description, size, created, last_used, usage_count) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, row.key());
      s.setString(2, row.imageId());
      s.setString(3, row.description());
      s.setLong(4, row.size());
      s.setString(5, row.created().toString());
      s.setString(6, row.lastUsed().toString());
      s.setInt(7, row.usageCount());
      s.executeUpdate();
    }
  }

  /** The image cached under {@code key}, or null; reads only (see {@link #touch}). */
  public static String imageOf(Connection c, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT image_id FROM build_cache WHERE key = ?")) {
      s.setString(1, key);
      ResultSet rs = s.executeQuery();
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Counts one use of each of {@code keys} at {@code now}, in one batch. */
  public static void touch(Connection c, java.util.Collection<String> keys, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE build_cache SET last_used = ?, usage_count = usage_count + 1 WHERE key = ?")) {
      for (String key : keys) {
        s.setString(1, now.toString());
        s.setString(2, key);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  public static List<BuildCacheRow> all(Connection c) throws SQLException {
    List<BuildCacheRow> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT key, image_id, description, size, created, last_used, "
        + "usage_count FROM build_cache ORDER BY created")) {
      ResultSet rs = s.executeQuery();
      while (rs.next()) {
        rows.add(new BuildCacheRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            Instant.parse(rs.getString(5)), Instant.parse(rs.getString(6)), rs.getInt(7)));
      }
    }
    return rows;
  }

  public static void delete(Connection c, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM build_cache WHERE key = ?")) {
      s.setString(1, key);
      s.executeUpdate();
    }
  }
}
