package io.wharf.engine.state;

import io.wharf.oci.errors.SystemError;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The SQLite database of one data root. One connection, used under this object's lock:
 * SQLite serialises writers anyway, and the engine's transactions are short. Thread-safe.
 */
public final class StateStore implements AutoCloseable {
  private static final int SCHEMA_VERSION = 1;
  private static final List<String> SCHEMA = List.of(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
      """
      CREATE TABLE IF NOT EXISTS images (
        id TEXT PRIMARY KEY, parent TEXT, size INTEGER NOT NULL, last_tag_time TEXT)""",
      """
      CREATE TABLE IF NOT EXISTS image_layers (
        image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, diff_id TEXT NOT NULL, chain_id TEXT NOT NULL, size INTEGER NOT NULL,
        PRIMARY KEY (image_id, idx))""",
      "CREATE INDEX IF NOT EXISTS image_layers_chain ON image_layers(chain_id)",
      """
      CREATE TABLE IF NOT EXISTS tags (
        ref TEXT PRIMARY KEY, image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE)""",
      """
      CREATE TABLE IF NOT EXISTS repo_digests (
        ref TEXT PRIMARY KEY, image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE)""",
      """
      CREATE TABLE IF NOT EXISTS containers (
        id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, image_id TEXT NOT NULL, record TEXT NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS build_cache (
        key TEXT PRIMARY KEY, image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        description TEXT NOT NULL, size INTEGER NOT NULL, created TEXT NOT NULL, last_used TEXT NOT NULL,
        usage_count INTEGER NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS layer_blobs (
        diff_id TEXT NOT NULL, media_type TEXT NOT NULL, digest TEXT NOT NULL, size INTEGER NOT NULL,
        PRIMARY KEY (diff_id, media_type))""",
      "CREATE TABLE IF NOT EXISTS networks (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, record TEXT NOT NULL)",
      """
      CREATE TABLE IF NOT EXISTS endpoints (
        network_id TEXT NOT NULL REFERENCES networks(id), container_id TEXT NOT NULL, record TEXT NOT NULL,
        PRIMARY KEY (network_id, container_id))""",
      "CREATE TABLE IF NOT EXISTS sandboxes (container_id TEXT PRIMARY KEY, record TEXT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS volumes (name TEXT PRIMARY KEY, record TEXT NOT NULL)",
      """
      CREATE TABLE IF NOT EXISTS volume_refs (
        volume TEXT NOT NULL REFERENCES volumes(name) ON DELETE CASCADE, container_id TEXT NOT NULL,
        PRIMARY KEY (volume, container_id))""",
      """
      CREATE TABLE IF NOT EXISTS events (
        seq INTEGER PRIMARY KEY, time_nano INTEGER NOT NULL, type TEXT NOT NULL, action TEXT NOT NULL,
        actor_id TEXT NOT NULL, attributes TEXT NOT NULL)""");

  private final Connection connection;

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  public StateStore(Path file) {
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
      }
      transaction(c -> {
        try (Statement s = c.createStatement()) {
          for (String ddl : SCHEMA) {
            s.execute(ddl);
          }
          var rs = s.executeQuery("SELECT count(*) FROM schema_version");
          if (rs.next() && rs.getInt(1) == 0) {
            s.execute("INSERT INTO schema_version VALUES (" + SCHEMA_VERSION + ")");
          }
        }
        return null;
      });
    } catch (SQLException e) {
      throw new SystemError("cannot open the state database " + file + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction: all of it is committed, or none. */
  public synchronized <T> T transaction(Work<T> work) {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new SystemError("state database: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new SystemError("closing the state database: " + e.getMessage(), e);
    }
  }
}
