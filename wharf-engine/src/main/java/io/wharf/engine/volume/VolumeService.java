package io.wharf.engine.volume;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The volumes of one engine, as {@code docker volume …} sees them, and their use by containers.
 * A volume's data is never removed while a container (running or stopped) refers to it:
 * {@link #retain} at the container's create, {@link #release} at its removal.
 * Thread-safe.
 */
public interface VolumeService {
  /**
   * {@code docker volume create}: a new volume, or the existing one of that name (as Docker
   * answers). {@code name} null or empty: an anonymous volume with a random name.
   */
  Volume create(String name, String driver, Map<String, String> labels, Map<String, String> options);

  /** {@code docker volume ls}: filters {@code dangling}, {@code name}, {@code label}, {@code driver}. */
  List<Volume> list(Map<String, List<String>> filters);

  /** NotFound {@code get <name>: no such volume}. */
  Volume get(String name);

  /** {@code docker volume rm}: Conflict while in use ({@code volume is in use - [id]}); {@code force} ignores a missing one. */
  void remove(String name, boolean force);

  /** {@code docker volume prune}: unused anonymous volumes, or all unused with {@code all}. */
  PruneResult prune(Map<String, List<String>> filters, boolean all);

  /** The bytes under each volume's data, and how many containers use it (for {@code system df}). */
  Map<String, long[]> usage();

  /** Records that {@code containerId} uses the volume {@code name}. */
  void retain(String name, String containerId);

  /** Forgets every use of {@code containerId}; returns the names of the volumes it used. */
  List<String> release(String containerId);

  /** The containers that use {@code name}. */
  List<String> users(String name);

  /**
   * The host directory to bind for a container using {@code name}: its data, mounted first when
   * the volume has driver options (tmpfs, a device), for as long as a container uses it.
   */
  Path mount(String name, String containerId);

  /** The container stopped: a volume with driver options is unmounted when nothing uses it any more. */
  void unmount(String name, String containerId);

  /** What a prune removed and the bytes it freed. */
  record PruneResult(List<String> deleted, long spaceReclaimed) {}
}
