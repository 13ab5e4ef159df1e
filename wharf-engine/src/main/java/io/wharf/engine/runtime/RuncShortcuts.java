package io.wharf.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Json;
import io.wharf.oci.errors.SystemError;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Two runc commands done in wharfd, where spawning runc costs a process of about 8 ms for the
 * work of a few system calls, on every {@code run}:
 * <ul>
 *   <li>{@code runc start} of a created container: its init waits to open the exec FIFO in the
 *       container's state directory for writing; the start reads the byte it writes and removes
 *       the FIFO (runc then reports the container running rather than created);
 *   <li>{@code runc delete} of a container whose process exited: its cgroups and its state
 *       directory are removed.
 * </ul>
 * Both only for state laid out as runc 1.x lays it out ({@code exec.fifo}, {@code state.json}
 * with {@code cgroup_paths}, no poststop hooks); otherwise, or when the kernel disagrees (a
 * cgroup still busy or with children), they answer false and the caller runs runc itself.
 */
final class RuncShortcuts {
  private static final int TICK_MILLIS = 100;

  private RuncShortcuts() {}

  /**
   * Lets the created container in {@code stateDir} run its program, while {@code alive} says its
   * init is still there; false when runc did not leave an exec FIFO there.
   */
  static boolean start(Path stateDir, BooleanSupplier alive) throws IOException {
    Path fifo = stateDir.resolve("exec.fifo");
    if (!Files.exists(fifo)) {
      return false;
    }
    byte[] sent;
    try {
      sent = io.wharf.sys.Fifos.readAll(fifo, TICK_MILLIS, alive);
    } catch (IOException e) {
      throw new SystemError("container process is already dead", e); // runc's words
    }
    if (sent.length == 0) {
      throw new SystemError("cannot start an already running container"); // runc's words
    }
    Files.deleteIfExists(fifo);
    return true;
  }

  /**
   * Removes the cgroups and the state directory of the exited container in {@code stateDir};
   * false, with whatever is left still there, when runc must do it.
   */
  static boolean removeExited(Path stateDir) throws IOException {
    JsonNode state;
    try {
      state = Json.MAPPER.readTree(stateDir.resolve("state.json").toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return false;
    }
    JsonNode cgroups = state.get("cgroup_paths");
    JsonNode poststop = state.path("config").path("Hooks").path("poststop");
    if (cgroups == null || !cgroups.isObject() || (poststop.isArray() && !poststop.isEmpty())
        || !state.path("intel_rdt_path").asText("").isEmpty()) {
      return false;
    }
    for (JsonNode path : (Iterable<JsonNode>) cgroups::elements) {
      try {
        Files.deleteIfExists(Path.of(path.asText())); // rmdir; co-mounted controllers share one
      } catch (FileSystemException e) {
        return false; // busy (processes left, as with --pid host) or with child cgroups
      }
    }
    io.wharf.engine.archive.FileTree.delete(stateDir);
    return true;
  }
}
