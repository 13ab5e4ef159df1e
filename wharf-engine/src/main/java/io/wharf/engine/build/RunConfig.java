package io.wharf.engine.build;

import io.wharf.oci.image.ContainerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config a stage is building, changed by each instruction: Docker's {@code runConfig}.
 * Starts from the base image's and becomes the image's {@link ContainerConfig}. Not thread-safe
 * (one stage, one thread).
 */
final class RunConfig {
  String user;
  final Map<String, Object> exposedPorts = new LinkedHashMap<>();
  final Map<String, String> env = new LinkedHashMap<>();
  List<String> entrypoint;
  List<String> cmd;
  final Map<String, Object> volumes = new LinkedHashMap<>();
  String workingDir;
  final Map<String, String> labels = new LinkedHashMap<>();
  String stopSignal;
  Map<String, Object> healthcheck;
  List<String> onBuild = new ArrayList<>();
  List<String> shell;

  static RunConfig of(ContainerConfig config) {
    RunConfig c = new RunConfig();
    if (config == null) {
      return c;
    }
    c.user = config.user();
    if (config.exposedPorts() != null) {
      c.exposedPorts.putAll(config.exposedPorts());
    }
    for (String e : config.env() == null ? List.<String>of() : config.env()) {
      int eq = e.indexOf('=');
      c.env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
    }
    c.entrypoint = config.entrypoint();
    c.cmd = config.cmd();
    if (config.volumes() != null) {
      c.volumes.putAll(config.volumes());
    }
    c.workingDir = config.workingDir();
    if (config.labels() != null) {
      c.labels.putAll(config.labels());
    }
    c.stopSignal = config.stopSignal();
    c.healthcheck = config.healthcheck();
    c.onBuild = config.onBuild() == null ? new ArrayList<>() : new ArrayList<>(config.onBuild());
    c.shell = config.shell();
    return c;
  }

  /** The shell of shell-form commands: SHELL's, else Docker's {@code /bin/sh -c}. */
  List<String> shellOrDefault() {
    return shell == null || shell.isEmpty() ? List.of("/bin/sh", "-c") : shell;
  }

  /** {@code KEY=value} pairs, in the order first set. */
  List<String> envList() {
    List<String> out = new ArrayList<>();
    env.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  ContainerConfig toConfig() {
    return new ContainerConfig(emptyToNull(user), exposedPorts.isEmpty() ? null : new java.util.TreeMap<>(exposedPorts),
        env.isEmpty() ? null : envList(), entrypoint, cmd, volumes.isEmpty() ? null : new java.util.TreeMap<>(volumes),
        emptyToNull(workingDir), labels.isEmpty() ? null : new java.util.TreeMap<>(labels), emptyToNull(stopSignal), null,
        healthcheck, onBuild.isEmpty() ? null : List.copyOf(onBuild), shell);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
