package io.wharf.engine.build.context;

import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The owner COPY and ADD give what they write: root, or {@code --chown} resolved as Docker's
 * classic builder does ({@code parseChownFlag}). {@code user} alone means {@code user:user} —
 * the group is looked up by the same name or id, not taken from the user's passwd entry (this
 * differs from {@code USER}); numbers are ids as they are; names are looked up in the image's
 * {@code /etc/passwd} and {@code /etc/group}, found by following links inside the image.
 * Immutable.
 *
 * @param uid the owner's id
 * @param gid the group's id
 */
record Owner(int uid, int gid) {
  static final Owner ROOT = new Owner(0, 0);

  private static final String WRAP = "unable to convert uid/gid chown string to host mapping: ";

  /** {@code chown} resolved against the root file system {@code rootfs}; root when null or empty. */
  static Owner resolve(String chown, Path rootfs) throws IOException {
    if (chown == null || chown.isEmpty()) {
      return ROOT;
    }
    String[] parts = chown.split(":", -1);
    if (parts.length > 2) {
      throw new InvalidArgument(WRAP + "invalid chown string format: " + chown);
    }
    String user = parts[0];
    String group = parts.length == 1 ? parts[0] : parts[1];
    int uid = id(user, rootfs, "passwd", "can't find uid for user ", "no such user: ");
    int gid = id(group, rootfs, "group", "can't find gid for group ", "no such group: ");
    return new Owner(uid, gid);
  }

  private static int id(String name, Path rootfs, String file, String context, String missing) throws IOException {
    if (name.matches("\\d{1,9}")) {
      return Integer.parseInt(name);
    }
    Path path = ScopedPath.resolve(rootfs, "etc/" + file);
    if (!Files.isRegularFile(path)) {
      throw new InvalidArgument(WRAP + context + name + ": open /etc/" + file + ": no such file or directory");
    }
    // libcontainer's parser: name:password:id:..., lines trimmed, short lines padded
    for (String line : new String(Files.readAllBytes(path), StandardCharsets.UTF_8).split("\n")) {
      String[] fields = line.strip().split(":", -1);
      if (fields.length >= 1 && fields[0].equals(name) && !line.isBlank()) {
        return fields.length > 2 && fields[2].matches("\\d{1,9}") ? Integer.parseInt(fields[2]) : 0;
      }
    }
    throw new InvalidArgument(WRAP + context + name + ": " + missing + name);
  }
}
