package io.wharf.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The host's device nodes, as {@code --privileged} gives them to a container (Docker's
 * HostDevices): every character and block device under /dev except the per-container
 * pseudo-terminals, shared memory and message queues, as runtime-spec {@code linux.devices}.
 * Stateless; reads /dev on each call.
 */
final class HostDevices {
  private static final Set<String> SKIPPED = Set.of("/dev/pts", "/dev/shm", "/dev/mqueue", "/dev/console");

  private HostDevices() {}

  static List<Map<String, Object>> list() {
    List<Map<String, Object>> devices = new ArrayList<>();
    try (Stream<Path> tree = Files.walk(Path.of("/dev"))) {
      for (Path p : tree.sorted().toList()) {
        if (SKIPPED.stream().anyMatch(s -> p.toString().equals(s) || p.startsWith(s + "/"))) {
          continue;
        }
        Map<String, Object> attrs;
        try {
          attrs = Files.readAttributes(p, "unix:mode,rdev,uid,gid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          continue; // gone meanwhile
        }
        int mode = (Integer) attrs.get("mode");
        int type = mode & 0170000;
        if (type != 0020000 && type != 0060000) {
          continue;
        }
        long rdev = (Long) attrs.get("rdev");
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("path", p.toString());
        device.put("type", type == 0020000 ? "c" : "b");
        device.put("major", io.wharf.sys.FileSystemCalls.major(rdev));
        device.put("minor", io.wharf.sys.FileSystemCalls.minor(rdev));
        device.put("fileMode", mode & 07777);
        device.put("uid", attrs.get("uid"));
        device.put("gid", attrs.get("gid"));
        devices.add(device);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return devices;
    }
    return devices;
  }
}
