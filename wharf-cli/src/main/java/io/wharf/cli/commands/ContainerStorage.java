package io.wharf.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The storage flags of {@code run} and {@code create} as the docker CLI puts them in the create
 * body: {@code -v SOURCE:TARGET[:OPTIONS]} in {@code HostConfig.Binds} (a relative host path
 * made absolute), {@code -v /path} in {@code Config.Volumes}, {@code --mount} in
 * {@code HostConfig.Mounts}, {@code --tmpfs /path[:options]} in {@code HostConfig.Tmpfs} and
 * {@code --volumes-from} as given. A repeated {@code -v} counts once. Immutable.
 */
record ContainerStorage(List<String> binds, Map<String, Object> volumes, List<Map<String, Object>> mounts,
    Map<String, String> tmpfs, List<String> volumesFrom) {

  /**
   * {@code --mount} values are checked as flags ({@code invalid argument … for "--mount" flag}),
   * {@code -v} values as docker's parse step does (an IllegalArgumentException, which run and
   * create report as {@code wharf: invalid spec: ….}).
   */
  static ContainerStorage of(List<String> volumeFlags, List<String> mountFlags, List<String> tmpfsFlags,
      List<String> volumesFromFlags, String cwd) {
    List<Map<String, Object>> mounts = new ArrayList<>();
    for (String value : mountFlags) {
      try {
        mounts.add(MountSpec.parse(value, cwd).toJson());
      } catch (IllegalArgumentException e) {
        throw FlagValues.invalid(value, "--mount", e.getMessage());
      }
    }
    List<String> binds = new ArrayList<>();
    Map<String, Object> volumes = new TreeMap<>();
    for (String spec : new LinkedHashSet<>(volumeFlags)) {
      VolumeSpec parsed = VolumeSpec.parse(spec);
      if (parsed.source().isEmpty()) {
        volumes.put(spec, Map.of());
      } else {
        binds.add(VolumeSpec.bind(spec, parsed, cwd));
      }
    }
    Map<String, String> tmpfs = new TreeMap<>();
    for (String value : tmpfsFlags) {
      int colon = value.indexOf(':');
      tmpfs.put(colon < 0 ? value : value.substring(0, colon), colon < 0 ? "" : value.substring(colon + 1));
    }
    return new ContainerStorage(binds, volumes, mounts, tmpfs, List.copyOf(volumesFromFlags));
  }
}
