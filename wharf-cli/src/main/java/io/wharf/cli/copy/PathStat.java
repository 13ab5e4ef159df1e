package io.wharf.cli.copy;

import io.wharf.client.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A container path's stat, as the daemon sends it in the {@code X-Docker-Container-Path-Stat}
 * header of {@code HEAD} and {@code GET /containers/{id}/archive}: base64 of
 * {@code {"name","size","mode","mtime","linkTarget"}}, {@code mode} with Go's
 * {@code os.FileMode} bits (directory 1<<31, symbolic link 1<<27). Immutable.
 */
public record PathStat(String name, long size, long mode, String mtime, String linkTarget) {
  public static final String HEADER = "X-Docker-Container-Path-Stat";
  static final long MODE_DIR = 1L << 31;
  static final long MODE_SYMLINK = 1L << 27;
  static final long MODE_DEVICE = 1L << 26;
  static final long MODE_IRREGULAR = 1L << 19;

  /**
   * The stat in {@code header}; an IllegalArgumentException with Go's words when it is missing
   * or not base64 JSON ({@code unable to decode container path stat header: EOF}).
   */
  public static PathStat decode(String header) {
    Object json;
    try {
      String text = new String(Base64.getDecoder().decode(header == null ? "" : header.strip()), StandardCharsets.UTF_8);
      if (text.isBlank()) {
        throw new IllegalArgumentException("EOF");
      }
      json = JsonValues.read(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unable to decode container path stat header: "
          + (e.getMessage() == null ? "invalid input" : e.getMessage()));
    }
    if (!(json instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("unable to decode container path stat header: not an object");
    }
    return new PathStat(text(map.get("name")), number(map.get("size")), number(map.get("mode")), text(map.get("mtime")),
        text(map.get("linkTarget")));
  }

  /** The header's value for this stat: what a daemon sends (and tests need). */
  public String encode() {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put("name", name);
    fields.put("size", size);
    fields.put("mode", mode);
    fields.put("mtime", mtime);
    fields.put("linkTarget", linkTarget);
    String json = JsonValues.write(fields);
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  public boolean isDirectory() {
    return (mode & MODE_DIR) != 0;
  }

  public boolean isSymlink() {
    return (mode & MODE_SYMLINK) != 0;
  }

  /** docker's {@code ValidateOutputPathFileMode}: why a copy may not write here, or null. */
  public String unwritableReason() {
    if ((mode & MODE_DEVICE) != 0) {
      return "got a device";
    }
    if ((mode & MODE_IRREGULAR) != 0) {
      return "got an irregular file";
    }
    return null;
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }
}
