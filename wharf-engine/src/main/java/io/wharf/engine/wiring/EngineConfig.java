package io.wharf.engine.wiring;

import java.nio.file.Path;

/**
 * Where one engine keeps its state.
 *
 * @param dataRoot persistent state (default /var/lib/wharf): wharf.db, content, snapshots
 * @param execRoot runtime state (default /run/wharf): sockets, pid files
 */
public record EngineConfig(Path dataRoot, Path execRoot) {}
