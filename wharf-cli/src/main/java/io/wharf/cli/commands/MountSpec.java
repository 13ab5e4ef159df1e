package io.wharf.cli.commands;

import io.wharf.cli.format.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code --mount} value as the docker 28 CLI parses it ({@code opts.MountOpt}): CSV fields,
 * {@code key=value} or a bare flag ({@code readonly}, {@code volume-nocopy},
 * {@code bind-nonrecursive}), keys case-insensitive; the type defaults to {@code volume}.
 * {@link #toJson()} is the entry of {@code HostConfig.Mounts}, with Go's {@code omitempty}.
 * Errors are docker's ({@code unexpected key 'x' in 'x=1'}). Immutable once parsed.
 */
final class MountSpec {
  private String type = "volume";
  private String source = "";
  private String target = "";
  private boolean readOnly;
  private String consistency = "";
  private Map<String, Object> bindOptions;
  private Map<String, Object> volumeOptions;
  private Map<String, Object> imageOptions;
  private Map<String, Object> tmpfsOptions;

  private MountSpec() {}

  /** Parses {@code value}, relative sources ({@code ./x}, {@code .}) made absolute against {@code cwd}. */
  static MountSpec parse(String value, String cwd) {
    MountSpec mount = new MountSpec();
    for (String field : csv(value)) {
      int eq = field.indexOf('=');
      String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
      String val = eq < 0 ? "" : field.substring(eq + 1);
      if (eq < 0) {
        switch (key) {
          case "readonly", "ro" -> mount.readOnly = true;
          case "volume-nocopy" -> mount.volume().put("NoCopy", true);
          case "bind-nonrecursive" -> mount.bind().put("NonRecursive", true);
          default -> throw new IllegalArgumentException("invalid field '" + field + "' must be a key=value pair");
        }
        continue;
      }
      mount.set(key, val, field, cwd);
    }
    mount.check();
    return mount;
  }

  private void set(String key, String val, String field, String cwd) {
    switch (key) {
      case "type" -> type = val.toLowerCase(Locale.ROOT);
      case "source", "src" -> source = val.startsWith("./") || val.equals(".") ? io.wharf.cli.copy.UnixPaths.join(cwd, val) : val;
      case "target", "dst", "destination" -> target = val;
      case "readonly", "ro" -> readOnly = bool(val, "invalid value for " + key + ": " + val);
      case "consistency" -> consistency = val.toLowerCase(Locale.ROOT);
      case "bind-propagation" -> bind().put("Propagation", val.toLowerCase(Locale.ROOT));
      case "bind-nonrecursive" -> bind().put("NonRecursive", bool(val, "invalid value for " + key + ": " + val));
      case "bind-recursive" -> {
        switch (val) {
          case "enabled" -> {
            // the default: read-only mounts are recursively read-only where the kernel can
          }
          case "disabled" -> bind().put("NonRecursive", true);
          case "writable" -> bind().put("ReadOnlyNonRecursive", true);
          case "readonly" -> bind().put("ReadOnlyForceRecursive", true);
          default -> throw new IllegalArgumentException("invalid value for " + key + ": " + val
              + " (must be \"enabled\", \"disabled\", \"writable\", or \"readonly\")");
        }
      }
      case "volume-subpath" -> volume().put("Subpath", val);
      case "volume-nocopy" -> volume().put("NoCopy", bool(val, "invalid value for volume-nocopy: " + val));
      case "volume-label" -> putKeyValue(labels(), val);
      case "volume-driver" -> driver().put("Name", val);
      case "volume-opt" -> {
        @SuppressWarnings("unchecked")
        Map<String, String> options = (Map<String, String>) driver().computeIfAbsent("Options", k -> new TreeMap<>());
        putKeyValue(options, val);
      }
      case "image-subpath" -> image().put("Subpath", val);
      case "tmpfs-size" -> {
        try {
          tmpfs().put("SizeBytes", Units.ramInBytes(val));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("invalid value for " + key + ": " + val);
        }
      }
      case "tmpfs-mode" -> {
        try {
          long mode = Long.parseLong(val, 8);
          if (mode > 0xffffffffL || val.startsWith("+") || val.startsWith("-")) {
            throw new NumberFormatException();
          }
          tmpfs().put("Mode", mode);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid value for " + key + ": " + val);
        }
      }
      default -> throw new IllegalArgumentException("unexpected key '" + key + "' in '" + field + "'");
    }
  }

  private void check() {
    if (type.isEmpty()) {
      throw new IllegalArgumentException("type is required");
    }
    if (target.isEmpty()) {
      throw new IllegalArgumentException("target is required");
    }
    mixed(volumeOptions, "volume", "volume-*");
    mixed(imageOptions, "image", "image-*");
    mixed(bindOptions, "bind", "bind-*");
    mixed(tmpfsOptions, "tmpfs", "tmpfs-*");
    if (bindOptions != null) {
      if (Boolean.TRUE.equals(bindOptions.get("ReadOnlyNonRecursive")) && !readOnly) {
        throw new IllegalArgumentException("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
      }
      if (Boolean.TRUE.equals(bindOptions.get("ReadOnlyForceRecursive"))) {
        if (!readOnly) {
          throw new IllegalArgumentException("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
        }
        if (!"rprivate".equals(bindOptions.get("Propagation"))) {
          throw new IllegalArgumentException(
              "option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction");
        }
      }
    }
  }

  private void mixed(Map<String, Object> options, String owner, String prefix) {
    if (options != null && !type.equals(owner)) {
      throw new IllegalArgumentException("cannot mix '" + prefix + "' options with mount type '" + type + "'");
    }
  }

  /** The mount as the API's {@code Mount}, empty fields left out as Go's omitempty does. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("Type", type);
    putIfSet(json, "Source", source);
    putIfSet(json, "Target", target);
    if (readOnly) {
      json.put("ReadOnly", true);
    }
    putIfSet(json, "Consistency", consistency);
    if (bindOptions != null) {
      json.put("BindOptions", ordered(bindOptions, "Propagation", "NonRecursive", "CreateMountpoint",
          "ReadOnlyNonRecursive", "ReadOnlyForceRecursive"));
    }
    if (volumeOptions != null) {
      Map<String, Object> volume = ordered(volumeOptions, "NoCopy", "Labels", "Subpath");
      // docker makes the driver config with the options, so it is sent even when empty
      volume.put("DriverConfig", ordered(driver(), "Name", "Options"));
      json.put("VolumeOptions", volume);
    }
    if (imageOptions != null) {
      json.put("ImageOptions", ordered(imageOptions, "Subpath"));
    }
    if (tmpfsOptions != null) {
      json.put("TmpfsOptions", ordered(tmpfsOptions, "SizeBytes", "Mode"));
    }
    return json;
  }

  private static Map<String, Object> ordered(Map<String, Object> from, String... keys) {
    Map<String, Object> to = new LinkedHashMap<>();
    for (String key : keys) {
      Object value = from.get(key);
      boolean empty = value == null || Boolean.FALSE.equals(value) || "".equals(value)
          || value instanceof Number n && n.longValue() == 0 || value instanceof Map<?, ?> m && m.isEmpty();
      if (!empty) {
        to.put(key, value);
      }
    }
    return to;
  }

  private static void putIfSet(Map<String, Object> json, String key, String value) {
    if (!value.isEmpty()) {
      json.put(key, value);
    }
  }

  private Map<String, Object> bind() {
    if (bindOptions == null) {
      bindOptions = new LinkedHashMap<>();
    }
    return bindOptions;
  }

  private Map<String, Object> volume() {
    if (volumeOptions == null) {
      volumeOptions = new LinkedHashMap<>();
      volumeOptions.put("Labels", new TreeMap<String, String>());
      volumeOptions.put("DriverConfig", new LinkedHashMap<String, Object>());
    }
    return volumeOptions;
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> labels() {
    return (Map<String, String>) volume().get("Labels");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> driver() {
    return (Map<String, Object>) volume().get("DriverConfig");
  }

  private Map<String, Object> image() {
    if (imageOptions == null) {
      imageOptions = new LinkedHashMap<>();
    }
    return imageOptions;
  }

  private Map<String, Object> tmpfs() {
    if (tmpfsOptions == null) {
      tmpfsOptions = new LinkedHashMap<>();
    }
    return tmpfsOptions;
  }

  private static void putKeyValue(Map<String, String> target, String keyValue) {
    int eq = keyValue.indexOf('=');
    String key = eq < 0 ? keyValue : keyValue.substring(0, eq);
    if (!key.isEmpty()) {
      target.put(key, eq < 0 ? "" : keyValue.substring(eq + 1));
    }
  }

  /** Go's strconv.ParseBool. */
  private static boolean bool(String value, String error) {
    return switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new IllegalArgumentException(error);
    };
  }

  /** One record of Go's encoding/csv: comma-separated fields, double quotes around a field, {@code ""} inside. */
  static List<String> csv(String line) {
    if (line.isEmpty()) {
      throw new IllegalArgumentException("EOF");
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (true) {
      if (i < line.length() && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= line.length()) {
            throw new IllegalArgumentException("parse error on line 1, column " + (line.length() + 1)
                + ": extraneous or missing \" in quoted-field");
          }
          char c = line.charAt(i++);
          if (c == '"' && i < line.length() && line.charAt(i) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            break;
          } else {
            field.append(c);
          }
        }
        if (i < line.length() && line.charAt(i) != ',') {
          throw new IllegalArgumentException("parse error on line 1, column " + (i + 1)
              + ": extraneous or missing \" in quoted-field");
        }
      } else {
        while (i < line.length() && line.charAt(i) != ',') {
          char c = line.charAt(i++);
          if (c == '"') {
            throw new IllegalArgumentException("parse error on line 1, column " + i + ": bare \" in non-quoted-field");
          }
          field.append(c);
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= line.length()) {
        return fields;
      }
      i++; // the comma
    }
  }
}
