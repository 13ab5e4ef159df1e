package io.wharf.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON configuration file ({@code daemon.json}'s keys, where Wharf has the option), merged
 * with the flags as dockerd merges them: an unknown key, or an option given both as a flag and
 * in the file, is an error. Stateless.
 */
final class DaemonConfigFile {
  static final Set<String> KEYS = Set.of("hosts", "data-root", "exec-root", "pidfile", "log-level", "group",
      "runtimes", "default-runtime", "insecure-registries", "registry-mirrors", "max-concurrent-downloads",
      "max-concurrent-uploads");

  private DaemonConfigFile() {}

  /** The file's options as flag name → values; an absent default file is empty. */
  static Map<String, List<String>> read(Path file, boolean required) {
    if (!Files.exists(file)) {
      if (required) {
        throw new InvalidArgument("unable to configure the Wharf daemon with file " + file + ": no such file");
      }
      return Map.of();
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new InvalidArgument("unable to configure the Wharf daemon with file " + file + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidArgument("unable to configure the Wharf daemon with file " + file + ": not a JSON object");
    }
    Map<String, List<String>> options = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!KEYS.contains(field.getKey())) {
        unknown.add(field.getKey());
        continue;
      }
      List<String> values = new ArrayList<>();
      if (field.getKey().equals("runtimes") && field.getValue().isObject()) {
        // {"crun": {"path": "/usr/bin/crun"}} → crun=/usr/bin/crun, as --add-runtime takes it
        for (Iterator<Map.Entry<String, JsonNode>> r = field.getValue().fields(); r.hasNext(); ) {
          Map.Entry<String, JsonNode> runtime = r.next();
          values.add(runtime.getKey() + "=" + runtime.getValue().path("path").asText());
        }
      } else if (field.getValue().isArray()) {
        field.getValue().forEach(v -> values.add(v.asText()));
      } else {
        values.add(field.getValue().asText());
      }
      options.put(field.getKey(), values);
    }
    if (!unknown.isEmpty()) {
      throw new InvalidArgument("unable to configure the Wharf daemon with file " + file
          + ": the following directives don't match any configuration option: " + String.join(", ", unknown));
    }
    return options;
  }

  /** dockerd's error for options set twice. */
  static void checkConflicts(Path file, Map<String, List<String>> fromFile, Map<String, List<String>> fromFlags) {
    List<String> conflicts = new ArrayList<>();
    fromFlags.forEach((name, flagValues) -> {
      if (fromFile.containsKey(name)) {
        conflicts.add(name + ": (from flag: " + flagValues + ", from file: " + fromFile.get(name) + ")");
      }
    });
    if (!conflicts.isEmpty()) {
      throw new InvalidArgument("unable to configure the Wharf daemon with file " + file
          + ": the following directives are specified both as a flag and in the configuration file: "
          + String.join(", ", conflicts));
    }
  }
}
