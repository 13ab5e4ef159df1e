package io.wharf.engine.volume;

import io.wharf.oci.errors.InvalidArgument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Docker's three ways of asking for mounts, read as dockerd reads them, with its error words:
 * {@code Binds} ({@code -v name:/path:ro}, {@code -v /host:/path:rw,z}), {@code Mounts}
 * ({@code --mount type=…}) and {@code Tmpfs} ({@code --tmpfs /path:size=1m}). Stateless.
 */
public final class MountParser {
  private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave",
      "rslave");
  private static final String NAME = "[a-zA-Z0-9][a-zA-Z0-9_.-]*";

  private MountParser() {}

  /** One {@code Binds} entry: {@code src:dst[:mode]}; a source without {@code /} is a volume's name. */
  public static MountSpec bind(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new InvalidArgument("invalid volume specification: '" + spec + "'");
    }
    String source = parts[0];
    String target = parts[1];
    String mode = parts.length == 3 ? parts[2] : "";
    if (!target.startsWith("/")) {
      throw new InvalidArgument("invalid volume specification: '" + spec + "': invalid mount config for type \"bind\": "
          + "invalid mount path: '" + target + "' mount path must be absolute");
    }
    boolean readOnly = false;
    String propagation = "";
    for (String option : mode.isEmpty() ? new String[0] : mode.split(",")) {
      switch (option) {
        case "ro" -> readOnly = true;
        case "rw", "z", "Z", "nocopy", "consistent", "cached", "delegated" -> { }
        default -> {
          if (PROPAGATIONS.contains(option)) {
            propagation = option;
          } else {
            throw new InvalidArgument("invalid mode: " + mode);
          }
        }
      }
    }
    if (source.startsWith("/")) {
      return new MountSpec("bind", clean(source), clean(target), readOnly,
          propagation.isEmpty() ? "rprivate" : propagation, false, "", mode);
    }
    checkName(source);
    return new MountSpec("volume", source, clean(target), readOnly, "", mode.contains("nocopy"), "", mode);
  }

  /**
   * One {@code Mounts} entry of the API ({@code --mount}). {@code size} and {@code tmpfsMode} come
   * from {@code TmpfsOptions}; 0 when absent.
   */
  public static MountSpec mount(String type, String source, String target, boolean readOnly, String propagation,
      boolean noCopy, long size, int tmpfsMode) {
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (target == null || target.isEmpty()) {
      throw new InvalidArgument("invalid mount config for type \"" + t + "\": field Target must not be empty");
    }
    if (!target.startsWith("/")) {
      throw new InvalidArgument("invalid mount config for type \"" + t + "\": invalid mount path: '" + target
          + "' mount path must be absolute");
    }
    String src = source == null ? "" : source;
    return switch (t) {
      case "bind" -> {
        if (src.isEmpty()) {
          throw new InvalidArgument("invalid mount config for type \"bind\": field Source must not be empty");
        }
        if (!src.startsWith("/")) {
          throw new InvalidArgument("invalid mount config for type \"bind\": invalid mount path: '" + src
              + "' mount path must be absolute");
        }
        if (!Files.exists(Path.of(src))) {
          throw new InvalidArgument("invalid mount config for type \"bind\": bind source path does not exist: " + src);
        }
        if (propagation != null && !propagation.isEmpty() && !PROPAGATIONS.contains(propagation)) {
          throw new InvalidArgument("invalid mount config for type \"bind\": invalid propagation mode: " + propagation);
        }
        yield new MountSpec("bind", clean(src), clean(target), readOnly,
            propagation == null || propagation.isEmpty() ? "rprivate" : propagation, false, "", "");
      }
      case "volume" -> {
        if (!src.isEmpty()) {
          checkName(src);
        }
        yield new MountSpec("volume", src, clean(target), readOnly, "", noCopy, "", "");
      }
      case "tmpfs" -> {
        if (!src.isEmpty()) {
          throw new InvalidArgument("invalid mount config for type \"tmpfs\": field Source must not be specified");
        }
        List<String> options = new ArrayList<>();
        if (size > 0) {
          options.add("size=" + size);
        }
        if (tmpfsMode > 0) {
          options.add("mode=" + Integer.toOctalString(tmpfsMode));
        }
        yield tmpfs(target, String.join(",", options), readOnly);
      }
      default -> throw new InvalidArgument("invalid mount config: mount type unknown: \"" + t + "\"");
    };
  }

  /** One {@code Tmpfs} entry ({@code --tmpfs /run:size=64m,mode=1777}), with Docker's defaults added. */
  public static MountSpec tmpfs(String target, String options, boolean readOnly) {
    if (!target.startsWith("/")) {
      throw new InvalidArgument("invalid mount config for type \"tmpfs\": invalid mount path: '" + target
          + "' mount path must be absolute");
    }
    List<String> opts = new ArrayList<>(List.of("noexec", "nosuid", "nodev"));
    for (String o : options == null || options.isEmpty() ? new String[0] : options.split(",")) {
      String key = o.contains("=") ? o.substring(0, o.indexOf('=')) : o;
      if (!key.matches("size|mode|uid|gid|nr_inodes|nr_blocks|exec|noexec|suid|nosuid|dev|nodev|rw|ro|tmpcopyup")) {
        throw new InvalidArgument("invalid tmpfs option [\"" + o + "\"]");
      }
      switch (key) {
        case "exec" -> opts.remove("noexec");
        case "suid" -> opts.remove("nosuid");
        case "dev" -> opts.remove("nodev");
        case "noexec", "nosuid", "nodev" -> { }
        case "ro" -> readOnly = true;
        case "rw", "tmpcopyup" -> { }
        default -> opts.add(o);
      }
    }
    return new MountSpec("tmpfs", "", clean(target), readOnly, "", false, String.join(",", opts), options);
  }

  static void checkName(String name) {
    if (!name.matches(NAME) || name.length() < 2 && !name.matches("[a-zA-Z0-9]")) {
      throw new InvalidArgument("create " + name + ": \"" + name + "\" includes invalid characters for a local volume "
          + "name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use "
          + "absolute path");
    }
  }

  private static String clean(String path) {
    String p = Path.of(path).normalize().toString();
    return p.isEmpty() ? "/" : p;
  }
}
