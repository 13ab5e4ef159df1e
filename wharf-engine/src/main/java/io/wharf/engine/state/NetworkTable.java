package io.wharf.engine.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of networks, their endpoints (a container's attachment to a network) and sandboxes
 * (a running container's network namespace and published ports). Each row holds its record as
 * JSON; the network package owns the shapes. Works inside the caller's transaction. Stateless.
 */
public final class NetworkTable {
  private NetworkTable() {}

  public static void putNetwork(Connection c, String id, String name, String record) throws SQLException {
    update(c, "INSERT OR REPLACE INTO networks (id, name, record) VALUES (?, ?, ?)", id, name, record);
  }

  public static void deleteNetwork(Connection c, String id) throws SQLException {
    update(c, "DELETE FROM networks WHERE id = ?", id);
  }

  public static List<String> networks(Connection c) throws SQLException {
    return strings(c, "SELECT record FROM networks ORDER BY name");
  }

  public static void putEndpoint(Connection c, String networkId, String containerId, String record)
      throws SQLException {
    update(c, "INSERT OR REPLACE INTO endpoints (network_id, container_id, record) VALUES (?, ?, ?)", networkId,
        containerId, record);
  }

  public static void deleteEndpoint(Connection c, String networkId, String containerId) throws SQLException {
    update(c, "DELETE FROM endpoints WHERE network_id = ? AND container_id = ?", networkId, containerId);
  }

  public static List<String> endpoints(Connection c) throws SQLException {
    return strings(c, "SELECT record FROM endpoints ORDER BY rowid");
  }

  public static void putSandbox(Connection c, String containerId, String record) throws SQLException {
    update(c, "INSERT OR REPLACE INTO sandboxes (container_id, record) VALUES (?, ?)", containerId, record);
  }

  public static void deleteSandbox(Connection c, String containerId) throws SQLException {
    update(c, "DELETE FROM sandboxes WHERE container_id = ?", containerId);
  }

  public static List<String> sandboxes(Connection c) throws SQLException {
    return strings(c, "SELECT record FROM sandboxes");
  }

  private static void update(Connection c, String sql, String... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setString(i + 1, values[i]);
      }
      s.executeUpdate();
    }
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      ResultSet rs = s.executeQuery();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
