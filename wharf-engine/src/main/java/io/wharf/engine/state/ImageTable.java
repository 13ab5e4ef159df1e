package io.wharf.engine.state;

import io.wharf.oci.Digest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of image records: images, their layers, tags and repo digests. Every method works
 * inside the caller's {@link StateStore#transaction}. Stateless.
 */
public final class ImageTable {
  private ImageTable() {}

  /** Records {@code image} with its layers (tags and repo digests are set apart). */
  public static void insert(Connection c, ImageRow image) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT OR IGNORE INTO images (id, parent, size, last_tag_time) VALUES (?, ?, ?, ?)")) {
      s.setString(1, image.id().toString());
      s.setString(2, image.parent() == null ? null : image.parent().toString());
      s.setLong(3, image.size());
      s.setString(4, image.lastTagTime() == null ? null : image.lastTagTime().toString());
      if (s.executeUpdate() == 0) {
        return; // already recorded: images are content-addressed
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO image_layers (image_id, idx, diff_id, chain_id, size) VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < image.layers().size(); i++) {
        LayerRow layer = image.layers().get(i);
        s.setString(1, image.id().toString());
        s.setInt(2, i);
        s.setString(3, layer.diffId().toString());
        s.setString(4, layer.chainId().toString());
        s.setLong(5, layer.size());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Records {@code ref} ({@code repo@sha256:…}) as a repo digest of {@code id}. */
  public static void repoDigest(Connection c, String ref, Digest id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT OR REPLACE INTO repo_digests (ref, image_id) VALUES (?, ?)")) {
      s.setString(1, ref);
      s.setString(2, id.toString());
      s.executeUpdate();
    }
  }

  /** Points {@code ref} at {@code id}; returns the image it pointed at before, or null. */
  public static Digest tag(Connection c, String ref, Digest id, Instant when) throws SQLException {
    Digest previous = imageOfTag(c, ref);
    try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO tags (ref, image_id) VALUES (?, ?)")) {
      s.setString(1, ref);
      s.setString(2, id.toString());
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE images SET last_tag_time = ? WHERE id = ?")) {
      s.setString(1, when.toString());
      s.setString(2, id.toString());
      s.executeUpdate();
    }
    return previous;
  }

  public static Digest imageOfTag(Connection c, String ref) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT image_id FROM tags WHERE ref = ?")) {
      s.setString(1, ref);
      ResultSet rs = s.executeQuery();
      return rs.next() ? Digest.parse(rs.getString(1)) : null;
    }
  }

  public static Digest imageOfRepoDigest(Connection c, String ref) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT image_id FROM repo_digests WHERE ref = ?")) {
      s.setString(1, ref);
      ResultSet rs = s.executeQuery();
      return rs.next() ? Digest.parse(rs.getString(1)) : null;
    }
  }

  public static boolean untag(Connection c, String ref) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM tags WHERE ref = ?")) {
      s.setString(1, ref);
      return s.executeUpdate() > 0;
    }
  }

  public static boolean removeRepoDigest(Connection c, String ref) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM repo_digests WHERE ref = ?")) {
      s.setString(1, ref);
      return s.executeUpdate() > 0;
    }
  }

  /** Deletes the image with its layers, tags and repo digests. */
  public static void delete(Connection c, Digest id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM images WHERE id = ?")) {
      s.setString(1, id.toString());
      s.executeUpdate();
    }
  }

  /** Every image, with layers, tags and repo digests, in insertion order. */
  public static List<ImageRow> all(Connection c) throws SQLException {
    Map<String, List<LayerRow>> layers = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT image_id, diff_id, chain_id, size FROM image_layers ORDER BY image_id, idx")) {
      ResultSet rs = s.executeQuery();
      while (rs.next()) {
        layers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(
            new LayerRow(Digest.parse(rs.getString(2)), Digest.parse(rs.getString(3)), rs.getLong(4)));
      }
    }
    Map<String, List<String>> tags = refs(c, "SELECT image_id, ref FROM tags ORDER BY rowid");
    Map<String, List<String>> digests = refs(c, "SELECT image_id, ref FROM repo_digests ORDER BY rowid");
    List<ImageRow> images = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id, parent, size, last_tag_time FROM images ORDER BY rowid")) {
      ResultSet rs = s.executeQuery();
      while (rs.next()) {
        String id = rs.getString(1);
        String parent = rs.getString(2);
        String lastTag = rs.getString(4);
        images.add(new ImageRow(Digest.parse(id), parent == null ? null : Digest.parse(parent), rs.getLong(3),
            lastTag == null ? null : Instant.parse(lastTag), layers.getOrDefault(id, List.of()),
            tags.getOrDefault(id, List.of()), digests.getOrDefault(id, List.of())));
      }
    }
    return images;
  }

  /** The image {@code id}, with layers, tags and repo digests; null when there is none. */
  public static ImageRow one(Connection c, Digest id) throws SQLException {
    String key = id.toString();
    ImageRow found = null;
    try (PreparedStatement s = c.prepareStatement("SELECT parent, size, last_tag_time FROM images WHERE id = ?")) {
      s.setString(1, key);
      ResultSet rs = s.executeQuery();
      if (!rs.next()) {
        return null;
      }
      String parent = rs.getString(1);
      String lastTag = rs.getString(3);
      found = new ImageRow(id, parent == null ? null : Digest.parse(parent), rs.getLong(2),
          lastTag == null ? null : Instant.parse(lastTag), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }
    try (PreparedStatement s = c.prepareStatement(
        "SELECT diff_id, chain_id, size FROM image_layers WHERE image_id = ? ORDER BY idx")) {
      s.setString(1, key);
      ResultSet rs = s.executeQuery();
      while (rs.next()) {
        found.layers().add(new LayerRow(Digest.parse(rs.getString(1)), Digest.parse(rs.getString(2)), rs.getLong(3)));
      }
    }
    for (var table : List.of(Map.entry("tags", found.tags()), Map.entry("repo_digests", found.repoDigests()))) {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT ref FROM " + table.getKey() + " WHERE image_id = ? ORDER BY rowid")) {
        s.setString(1, key);
        ResultSet rs = s.executeQuery();
        while (rs.next()) {
          table.getValue().add(rs.getString(1));
        }
      }
    }
    return new ImageRow(found.id(), found.parent(), found.size(), found.lastTagTime(), List.copyOf(found.layers()),
        List.copyOf(found.tags()), List.copyOf(found.repoDigests()));
  }

  /** The IDs of the images whose ID starts with {@code prefix} ({@code sha256:…}). */
  public static List<Digest> idsStartingWith(Connection c, String prefix) throws SQLException {
    List<Digest> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM images WHERE substr(id, 1, ?) = ?")) {
      s.setInt(1, prefix.length());
      s.setString(2, prefix);
      ResultSet rs = s.executeQuery();
      while (rs.next()) {
        ids.add(Digest.parse(rs.getString(1)));
      }
    }
    return ids;
  }

  private static Map<String, List<String>> refs(Connection c, String sql) throws SQLException {
    Map<String, List<String>> byImage = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      ResultSet rs = s.executeQuery();
      while (rs.next()) {
        byImage.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    return byImage;
  }
}
