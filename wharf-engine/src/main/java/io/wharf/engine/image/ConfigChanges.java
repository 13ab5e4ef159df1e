package io.wharf.engine.image;

import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.image.ContainerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Dockerfile instructions {@code docker import -c} and {@code docker commit -c} accept,
 * applied to a container config: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL,
 * USER, VOLUME, WORKDIR. Stateless.
 */
public final class ConfigChanges {
  private ConfigChanges() {}

  /** {@code base} with every change applied in order. */
  @SuppressWarnings("unchecked")
  public static ContainerConfig apply(ContainerConfig base, List<String> changes) {
    // The config as its JSON keys ("Cmd", "Env", …): each instruction sets one of them.
    Map<String, Object> config = Json.MAPPER.convertValue(base, LinkedHashMap.class);
    for (String change : changes == null ? List.<String>of() : changes) {
      applyOne(config, change);
    }
    return Json.MAPPER.convertValue(config, ContainerConfig.class);
  }

  @SuppressWarnings("unchecked")
  private static void applyOne(Map<String, Object> c, String change) {
    String line = change.strip();
    int space = indexOfSpace(line);
    String instruction = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    String rest = space < 0 ? "" : line.substring(space).strip();
    switch (instruction) {
      case "CMD" -> c.put("Cmd", command(rest));
      case "ENTRYPOINT" -> c.put("Entrypoint", command(rest));
      case "ENV" -> c.put("Env", env((List<String>) c.get("Env"), rest));
      case "EXPOSE" -> c.put("ExposedPorts", ports((Map<String, Object>) c.get("ExposedPorts"), rest));
      case "LABEL" -> c.put("Labels", labels((Map<String, String>) c.get("Labels"), rest));
      case "ONBUILD" -> c.put("OnBuild", append((List<String>) c.get("OnBuild"), required(instruction, rest)));
      case "STOPSIGNAL" -> c.put("StopSignal", required(instruction, rest));
      case "USER" -> c.put("User", required(instruction, rest));
      case "VOLUME" -> c.put("Volumes", volumes((Map<String, Object>) c.get("Volumes"), rest));
      case "WORKDIR" -> c.put("WorkingDir", workdir((String) c.get("WorkingDir"), required(instruction, rest)));
      default -> throw new InvalidArgument(instruction.toLowerCase(Locale.ROOT) + " is not a valid change command");
    }
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String required(String instruction, String rest) {
    if (rest.isEmpty()) {
      throw new InvalidArgument(instruction + " requires exactly one argument");
    }
    return rest;
  }

  /** Exec form (a JSON array) as is; shell form wrapped in {@code /bin/sh -c}. */
  static List<String> command(String rest) {
    List<String> json = jsonArray(rest);
    return json != null ? json : List.of("/bin/sh", "-c", rest);
  }

  private static List<String> jsonArray(String rest) {
    if (!rest.startsWith("[")) {
      return null;
    }
    try {
      String[] items = Json.MAPPER.readValue(rest, String[].class);
      return List.of(items);
    } catch (java.io.IOException e) {
      return null; // Docker treats a malformed JSON array as shell form
    }
  }

  private static List<String> env(List<String> env, String rest) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String e : env == null ? List.<String>of() : env) {
      int eq = e.indexOf('=');
      vars.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
    }
    vars.putAll(pairs("ENV", rest));
    List<String> out = new ArrayList<>();
    vars.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  private static Map<String, String> labels(Map<String, String> labels, String rest) {
    Map<String, String> out = new LinkedHashMap<>(labels == null ? Map.of() : labels);
    out.putAll(pairs("LABEL", rest));
    return out;
  }

  /** {@code k=v k2="v 2"}, or the legacy {@code k value with spaces}. */
  private static Map<String, String> pairs(String instruction, String rest) {
    List<String> words = Words.split(rest);
    if (words.isEmpty()) {
      throw new InvalidArgument(instruction + " requires at least one argument");
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (!words.get(0).contains("=")) {
      int space = indexOfSpace(rest);
      if (space < 0) {
        throw new InvalidArgument(instruction + " names can not be blank");
      }
      out.put(rest.substring(0, space), String.join(" ", Words.split(rest.substring(space).strip())));
      return out;
    }
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq <= 0) {
        throw new InvalidArgument("Syntax error - can't find = in \"" + word + "\". Must be of the form: name=value");
      }
      out.put(word.substring(0, eq), word.substring(eq + 1));
    }
    return out;
  }

  private static Map<String, Object> ports(Map<String, Object> ports, String rest) {
    Map<String, Object> out = new LinkedHashMap<>(ports == null ? Map.of() : ports);
    for (String port : Words.split(rest)) {
      String spec = port.contains("/") ? port.toLowerCase(Locale.ROOT) : port + "/tcp";
      if (!spec.matches("\\d+(-\\d+)?/(tcp|udp|sctp)")) {
        throw new InvalidArgument("invalid containerPort: " + port);
      }
      out.put(spec, Map.of());
    }
    return out;
  }

  private static Map<String, Object> volumes(Map<String, Object> volumes, String rest) {
    Map<String, Object> out = new LinkedHashMap<>(volumes == null ? Map.of() : volumes);
    List<String> json = jsonArray(rest);
    for (String path : json != null ? json : Words.split(rest)) {
      if (path.isBlank()) {
        throw new InvalidArgument("VOLUME specified can not be an empty string");
      }
      out.put(path, Map.of());
    }
    return out;
  }

  private static List<String> append(List<String> list, String item) {
    List<String> out = new ArrayList<>(list == null ? List.of() : list);
    out.add(item);
    return out;
  }

  private static String workdir(String current, String dir) {
    if (dir.startsWith("/") || current == null || current.isEmpty()) {
      return dir.startsWith("/") ? dir : "/" + dir;
    }
    return java.nio.file.Path.of(current).resolve(dir).normalize().toString();
  }
}
