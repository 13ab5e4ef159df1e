package io.wharf.engine.state;

import io.wharf.oci.Digest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a layer (by diff ID) is as a compressed registry blob: its digest and size for a media
 * type, learnt when it was pulled so or compressed for a push. A push asks a registry for that
 * digest before it compresses anything again, as Docker's distribution metadata lets it.
 */
public final class LayerBlobTable {
  private LayerBlobTable() {}

  /** A compressed form of a layer. */
  public record LayerBlob(Digest digest, long size) {}

  public static void put(Connection c, Digest diffId, String mediaType, Digest digest, long size) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT OR REPLACE INTO layer_blobs (diff_id, media_type, digest, size) VALUES (?, ?, ?, ?)")) {
      s.setString(1, diffId.toString());
      s.setString(2, mediaType);
      s.setString(3, digest.toString());
      s.setLong(4, size);
      s.executeUpdate();
    }
  }

  /** The blob {@code diffId} is as {@code mediaType}, or null when none is known. */
  public static LayerBlob get(Connection c, Digest diffId, String mediaType) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT digest, size FROM layer_blobs WHERE diff_id = ? AND media_type = ?")) {
      s.setString(1, diffId.toString());
      s.setString(2, mediaType);
      ResultSet rs = s.executeQuery();
      return rs.next() ? new LayerBlob(Digest.parse(rs.getString(1)), rs.getLong(2)) : null;
    }
  }
}
