package io.wharf.engine.wiring;

import io.wharf.engine.image.DistributionSettings;
import java.nio.file.Path;

/**
 * Where one engine keeps its state.
 *
 * @param dataRoot persistent state (default /var/lib/wharf): wharf.db, content, snapshots
 * @param execRoot runtime state (default /run/wharf): sockets, pid files
 * @param runtimes OCI runtimes besides runc by name ({@code --add-runtime crun=/usr/bin/crun})
 * @param defaultRuntime the runtime of containers that name none ({@code runc})
 * @param distribution insecure registries, mirrors and how many layers move at once
 */
public record EngineConfig(Path dataRoot, Path execRoot, java.util.Map<String, Path> runtimes, String defaultRuntime,
    DistributionSettings distribution) {

  /** Only runc, Docker's registry defaults. */
  public EngineConfig(Path dataRoot, Path execRoot) {
    this(dataRoot, execRoot, java.util.Map.of(), "runc", DistributionSettings.defaults());
  }
}
