package io.wharf.daemon.routes;

import io.wharf.api.container.ContainerCreateBody;
import io.wharf.engine.container.Container;
import io.wharf.engine.volume.MountParser;
import io.wharf.engine.volume.MountSpec;
import io.wharf.engine.volume.VolumeService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's mount forms on the wire ({@code Binds}, {@code Mounts}, {@code Tmpfs},
 * {@code Config.Volumes}) → engine mounts, and a container's mounts → inspect's and the list's
 * {@code Mounts}.
 */
final class MountViews {
  private MountViews() {}

  static List<MountSpec> asked(ContainerCreateBody body, ContainerCreateBody.HostConfig host) {
    List<MountSpec> out = new ArrayList<>();
    if (host.binds() != null) {
      host.binds().forEach(b -> out.add(MountParser.bind(b)));
    }
    if (host.mounts() != null) {
      for (ContainerCreateBody.MountBody m : host.mounts()) {
        var tmpfs = m.tmpfsOptions();
        out.add(MountParser.mount(m.type(), m.source(), m.target(), Boolean.TRUE.equals(m.readOnly()),
            m.bindOptions() == null ? null : m.bindOptions().propagation(),
            m.volumeOptions() != null && Boolean.TRUE.equals(m.volumeOptions().noCopy()),
            tmpfs == null || tmpfs.sizeBytes() == null ? 0 : tmpfs.sizeBytes(),
            tmpfs == null || tmpfs.mode() == null ? 0 : tmpfs.mode()));
      }
    }
    if (host.tmpfs() != null) {
      host.tmpfs().forEach((path, options) -> out.add(MountParser.tmpfs(path, options, false)));
    }
    if (body.volumes() != null) {
      for (String path : body.volumes().keySet()) {
        if (out.stream().noneMatch(m -> m.target().equals(path))) {
          out.add(new MountSpec("volume", "", path, false, "", false, "", ""));
        }
      }
    }
    return out;
  }

  static List<Object> mounts(Container c, VolumeService volumes) {
    List<Object> out = new ArrayList<>();
    for (MountSpec m : c.settings().mounts()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("Type", m.type());
      if (m.ofVolume()) {
        entry.put("Name", m.source());
        String source;
        try {
          source = volumes.get(m.source()).mountpoint();
        } catch (RuntimeException e) {
          source = "";
        }
        entry.put("Source", source);
      } else {
        entry.put("Source", m.source());
      }
      entry.put("Destination", m.target());
      if (m.ofVolume()) {
        entry.put("Driver", "local");
      }
      entry.put("Mode", m.mode());
      entry.put("RW", !m.readOnly());
      entry.put("Propagation", m.propagation());
      out.add(entry);
    }
    return out;
  }
}
