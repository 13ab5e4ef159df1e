package io.wharf.engine.volume;

import io.wharf.engine.state.StateStore;
import io.wharf.engine.state.VolumeTable;
import io.wharf.oci.Digest;
import io.wharf.oci.Json;
import io.wharf.oci.errors.Conflict;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import io.wharf.oci.errors.SystemError;
import io.wharf.sys.MountCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Volumes of the local driver under {@code <data-root>/volumes/<name>/_data}, recorded in the
 * state database with the containers that use them. A volume appears whole or not at all (its
 * directory is made before its row; a directory without a row is removed at start-up). Options
 * ({@code -o type=tmpfs -o device=tmpfs -o o=size=64m}) are mounted on {@code _data} while a
 * container uses the volume. Thread-safe (this object's lock).
 */
public final class LocalVolumeService implements VolumeService {
  private final StateStore state;
  private final Path root;
  private final Map<String, Set<String>> mountedBy = new HashMap<>();
  private final io.wharf.engine.event.EventService events;

  public LocalVolumeService(StateStore state, Path root, io.wharf.engine.event.EventService events) throws IOException {
    this.events = events;
    this.state = state;
    this.root = Files.createDirectories(root);
    reconcile();
  }

  /** Directories without a record (a create cut short) go; mounts of option volumes are undone. */
  private void reconcile() throws IOException {
    Map<String, String> rows = state.transaction(VolumeTable::all);
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.toList()) {
        if (!rows.containsKey(dir.getFileName().toString())) {
          MountCalls.unmount(dir.resolve("_data"), MountCalls.MNT_DETACH);
          io.wharf.engine.archive.FileTree.delete(dir);
        }
      }
    }
    for (String name : rows.keySet()) {
      // a copy of an image's directory cut short: the volume stays as it was, empty
      Path dir = root.resolve(name);
      io.wharf.engine.archive.FileTree.delete(dir.resolve("_data.copyup"));
      try (Stream<Path> scratch = Files.list(dir)) {
        for (Path p : scratch.filter(p -> p.getFileName().toString().startsWith("copyup-")).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (java.nio.file.NoSuchFileException e) {
        // a volume whose directory went: nothing to clean
      }
      Volume v = read(rows.get(name));
      if (!v.options().isEmpty()) {
        MountCalls.unmount(Path.of(v.mountpoint()), MountCalls.MNT_DETACH);
      }
    }
  }

  @Override
  public synchronized Volume create(String name, String driver, Map<String, String> labels,
      Map<String, String> options) {
    String d = driver == null || driver.isEmpty() ? "local" : driver;
    if (!d.equals("local")) {
      throw new NotFound("error looking up volume plugin " + d + ": plugin \"" + d + "\" not found");
    }
    boolean anonymous = name == null || name.isEmpty();
    String n = anonymous ? Digest.of(UUID.randomUUID().toString().getBytes()).hex() : name;
    MountParser.checkName(n);
    String existing = state.transaction(c -> VolumeTable.get(c, n));
    if (existing != null) {
      return read(existing);
    }
    Map<String, String> opts = options == null ? Map.of() : options;
    for (String key : opts.keySet()) {
      if (!Set.of("type", "device", "o", "size").contains(key)) {
        throw new InvalidArgument("invalid option key: \"" + key + "\"");
      }
    }
    Map<String, String> allLabels = new LinkedHashMap<>(labels == null ? Map.of() : labels);
    if (anonymous) {
      allLabels.put(Volume.ANONYMOUS_LABEL, "");
    }
    Path data = root.resolve(n).resolve("_data");
    Volume volume = new Volume(n, d, data.toString(), Instant.now(), allLabels, opts, anonymous);
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new SystemError("create " + n + ": " + e.getMessage(), e);
    }
    String record;
    try {
      record = Json.MAPPER.writeValueAsString(volume);
    } catch (IOException e) {
      throw new SystemError("create " + n + ": " + e.getMessage(), e);
    }
    state.transaction(c -> {
      VolumeTable.put(c, n, record);
      return null;
    });
    events.publish("volume", "create", n, Map.of("driver", d));
    return volume;
  }

  @Override
  public synchronized List<Volume> list(Map<String, List<String>> filters) {
    List<Volume> out = new ArrayList<>();
    for (String json : state.transaction(VolumeTable::all).values()) {
      Volume v = read(json);
      if (VolumeFilters.matches(filters, v, users(v.name()).isEmpty())) {
        out.add(v);
      }
    }
    return out;
  }

  @Override
  public synchronized Volume get(String name) {
    String json = state.transaction(c -> VolumeTable.get(c, name));
    if (json == null) {
      throw new NotFound("get " + name + ": no such volume");
    }
    return read(json);
  }

  @Override
  public synchronized void remove(String name, boolean force) {
    Volume v;
    try {
      v = get(name);
    } catch (NotFound e) {
      if (force) {
        return;
      }
      throw e;
    }
    List<String> users = users(name);
    if (!users.isEmpty()) {
      throw new Conflict("remove " + name + ": volume is in use - [" + String.join(", ", users) + "]");
    }
    delete(v);
  }

  private void delete(Volume v) {
    // the record goes first: a crash after it leaves a directory that start-up removes
    state.transaction(c -> {
      VolumeTable.delete(c, v.name());
      return null;
    });
    events.publish("volume", "destroy", v.name(), Map.of("driver", v.driver()));
    try {
      MountCalls.unmount(Path.of(v.mountpoint()), MountCalls.MNT_DETACH);
      io.wharf.engine.archive.FileTree.delete(root.resolve(v.name()));
    } catch (IOException e) {
      throw new SystemError("remove " + v.name() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized PruneResult prune(Map<String, List<String>> filters, boolean all) {
    Map<String, List<String>> rest = new HashMap<>(filters);
    boolean everything = all || rest.getOrDefault("all", List.of()).stream()
        .anyMatch(v -> v.equalsIgnoreCase("true") || v.equals("1"));
    rest.remove("all");
    List<String> deleted = new ArrayList<>();
    long reclaimed = 0;
    for (Volume v : list(rest)) {
      if ((everything || v.anonymous()) && users(v.name()).isEmpty()) {
        reclaimed += sizeOf(Path.of(v.mountpoint()));
        delete(v);
        deleted.add(v.name());
      }
    }
    return new PruneResult(deleted, reclaimed);
  }

  @Override
  public synchronized Map<String, long[]> usage() {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (Volume v : list(Map.of())) {
      out.put(v.name(), new long[] {sizeOf(Path.of(v.mountpoint())), users(v.name()).size()});
    }
    return out;
  }

  @Override
  public synchronized void retain(String name, String containerId) {
    state.transaction(c -> {
      VolumeTable.addRef(c, name, containerId);
      return null;
    });
  }

  @Override
  public synchronized List<String> release(String containerId) {
    return state.transaction(c -> VolumeTable.dropRefs(c, containerId));
  }

  @Override
  public synchronized List<String> users(String name) {
    return state.transaction(c -> VolumeTable.refs(c, name));
  }

  @Override
  public synchronized Path mount(String name, String containerId) {
    Volume v = get(name);
    Path data = Path.of(v.mountpoint());
    if (!v.options().isEmpty()) {
      Set<String> users = mountedBy.computeIfAbsent(name, k -> new HashSet<>());
      if (users.isEmpty()) {
        String type = v.options().getOrDefault("type", "none");
        String device = v.options().getOrDefault("device", type);
        String o = v.options().getOrDefault("o", "");
        long flags = 0;
        if (o.contains("bind")) {
          flags = 4096; // MS_BIND
        }
        try {
          MountCalls.mount(device, data, type.equals("none") ? "" : type, flags,
              o.replace("bind", "").replaceAll("^,|,$", "").replace(",,", ","));
        } catch (IOException e) {
          throw new SystemError("error while mounting volume '" + data + "': " + e.getMessage(), e);
        }
      }
      users.add(containerId);
    }
    return data;
  }

  @Override
  public synchronized void unmount(String name, String containerId) {
    Set<String> users = mountedBy.get(name);
    if (users != null && users.remove(containerId) && users.isEmpty()) {
      try {
        MountCalls.unmount(Path.of(get(name).mountpoint()), MountCalls.MNT_DETACH);
      } catch (IOException | NotFound e) {
        // gone already
      }
    }
  }

  static long sizeOf(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> tree = Files.walk(dir)) {
      return tree.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  private static Volume read(String json) {
    try {
      return Json.MAPPER.readValue(json, Volume.class);
    } catch (IOException e) {
      throw new SystemError("corrupt volume record: " + e.getMessage(), e);
    }
  }
}
