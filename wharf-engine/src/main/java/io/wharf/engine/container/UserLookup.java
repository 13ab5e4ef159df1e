package io.wharf.engine.container;

import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code -u user|uid[:group|gid]} resolved as Docker does, against the image's /etc/passwd
 * and /etc/group (read from the topmost layer that has them). Stateless.
 */
final class UserLookup {
  private UserLookup() {}

  /** {uid, gid} of {@code user} in the image whose layers are {@code layersTopFirst}. */
  static long[] resolve(String user, List<Path> layersTopFirst) throws IOException {
    if (user == null || user.isEmpty()) {
      return new long[] {0, 0};
    }
    int colon = user.indexOf(':');
    String name = colon < 0 ? user : user.substring(0, colon);
    String group = colon < 0 ? null : user.substring(colon + 1);
    long uid;
    long gid;
    if (name.matches("\\d+")) {
      uid = Long.parseLong(name);
      String[] entry = find(layersTopFirst, "etc/passwd", fields -> fields[2].equals(name));
      gid = entry == null ? 0 : Long.parseLong(entry[3]);
    } else {
      String[] entry = find(layersTopFirst, "etc/passwd", fields -> fields[0].equals(name));
      if (entry == null) {
        throw new InvalidArgument("unable to find user " + name + ": no matching entries in passwd file");
      }
      uid = Long.parseLong(entry[2]);
      gid = Long.parseLong(entry[3]);
    }
    if (group != null) {
      if (group.matches("\\d+")) {
        gid = Long.parseLong(group);
      } else {
        String[] entry = find(layersTopFirst, "etc/group", fields -> fields[0].equals(group));
        if (entry == null) {
          throw new InvalidArgument("unable to find group " + group + ": no matching entries in group file");
        }
        gid = Long.parseLong(entry[2]);
      }
    }
    return new long[] {uid, gid};
  }

  private static String[] find(List<Path> layers, String file, java.util.function.Predicate<String[]> match)
      throws IOException {
    for (Path layer : layers) {
      Path path = layer.resolve(file);
      if (Files.isRegularFile(path)) {
        for (String line : Files.readAllLines(path)) {
          String[] fields = line.split(":", -1);
          if (fields.length >= 4 && match.test(fields)) {
            return fields;
          }
        }
        return null;
      }
    }
    return null;
  }
}
