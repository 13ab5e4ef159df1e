package io.wharf.engine.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of container records: one row a container, its record as JSON (the container
 * package owns its shape), its name unique. Works inside the caller's transaction. Stateless.
 */
public final class ContainerTable {
  private ContainerTable() {}

  /** Inserts or replaces the row of container {@code id}. */
  public static void put(Connection c, String id, String name, String imageId, String record) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT OR REPLACE INTO containers (id, name, image_id, record) VALUES (?, ?, ?, ?)")) {
      s.setString(1, id);
      s.setString(2, name);
      s.setString(3, imageId);
      s.setString(4, record);
      s.executeUpdate();
    }
  }

  /** The ID of the container named {@code name}, or null. */
  public static String idOfName(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM containers WHERE name = ?")) {
      s.setString(1, name);
      ResultSet rs = s.executeQuery();
      return rs.next() ? rs.getString(1) : null;
    }
  }

  public static void delete(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM containers WHERE id = ?")) {
      s.setString(1, id);
      s.executeUpdate();
    }
  }

  /** Every container's record, oldest first. */
  public static List<String> all(Connection c) throws SQLException {
    List<String> records = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT record FROM containers ORDER BY rowid")) {
      ResultSet rs = s.executeQuery();
      while (rs.next()) {
        records.add(rs.getString(1));
      }
    }
    return records;
  }

  /** The ID of a container created from image {@code imageId}, or null when none is. */
  public static String userOf(Connection c, String imageId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM containers WHERE image_id = ? LIMIT 1")) {
      s.setString(1, imageId);
      ResultSet rs = s.executeQuery();
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
