package io.wharf.engine.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of volumes (one row each, its record as JSON) and of which containers use which
 * volume. Works inside the caller's transaction. Stateless.
 */
public final class VolumeTable {
  private VolumeTable() {}

  public static void put(Connection c, String name, String record) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO volumes (name, record) VALUES (?, ?)")) {
      s.setString(1, name);
      s.setString(2, record);
      s.executeUpdate();
    }
  }

  public static void delete(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM volumes WHERE name = ?")) {
      s.setString(1, name);
      s.executeUpdate();
    }
  }

  /** The record of volume {@code name}, or null. */
  public static String get(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT record FROM volumes WHERE name = ?")) {
      s.setString(1, name);
      ResultSet rs = s.executeQuery();
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Every volume's record, by name. */
  public static Map<String, String> all(Connection c) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT name, record FROM volumes ORDER BY name")) {
      ResultSet rs = s.executeQuery();
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  public static void addRef(Connection c, String volume, String containerId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT OR IGNORE INTO volume_refs (volume, container_id) VALUES (?, ?)")) {
      s.setString(1, volume);
      s.setString(2, containerId);
      s.executeUpdate();
    }
  }

  /** Drops every reference of {@code containerId}; returns the volumes it used. */
  public static List<String> dropRefs(Connection c, String containerId) throws SQLException {
    List<String> volumes = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT volume FROM volume_refs WHERE container_id = ?")) {
      s.setString(1, containerId);
      ResultSet rs = s.executeQuery();
      while (rs.next()) {
        volumes.add(rs.getString(1));
      }
    }
    try (PreparedStatement s = c.prepareStatement("DELETE FROM volume_refs WHERE container_id = ?")) {
      s.setString(1, containerId);
      s.executeUpdate();
    }
    return volumes;
  }

  /** The containers that use {@code volume}. */
  public static List<String> refs(Connection c, String volume) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT container_id FROM volume_refs WHERE volume = ?")) {
      s.setString(1, volume);
      ResultSet rs = s.executeQuery();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
