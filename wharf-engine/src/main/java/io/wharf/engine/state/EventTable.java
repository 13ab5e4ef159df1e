package io.wharf.engine.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL of the event history: one row an event, in publication order ({@code seq}), its
 * attributes as JSON (the event package owns their shape). Works inside the caller's
 * transaction. Stateless.
 */
public final class EventTable {
  private EventTable() {}

  /** One recorded event. */
  public record Row(long timeNano, String type, String action, String actorId, String attributes) {}

  /** Appends {@code rows}, in their order, after every row already recorded. */
  public static void append(Connection c, List<Row> rows) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO events (time_nano, type, action, actor_id, attributes) VALUES (?, ?, ?, ?, ?)")) {
      for (Row row : rows) {
        s.setLong(1, row.timeNano());
        s.setString(2, row.type());
        s.setString(3, row.action());
        s.setString(4, row.actorId());
        s.setString(5, row.attributes());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Deletes all but the newest {@code keep} rows. */
  public static void trim(Connection c, int keep) throws SQLException {
    // the subquery is the seq of the newest row to drop (null, so nothing, when there are fewer)
    try (PreparedStatement s = c.prepareStatement(
        "DELETE FROM events WHERE seq <= (SELECT seq FROM events ORDER BY seq DESC LIMIT 1 OFFSET ?)")) {
      s.setInt(1, keep);
      s.executeUpdate();
    }
  }

  /** The newest {@code limit} rows, oldest first. */
  public static List<Row> newest(Connection c, int limit) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT time_nano, type, action, actor_id, attributes FROM events ORDER BY seq DESC LIMIT ?")) {
      s.setInt(1, limit);
      ResultSet rs = s.executeQuery();
      while (rs.next()) {
        out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
      }
    }
    Collections.reverse(out);
    return out;
  }
}
