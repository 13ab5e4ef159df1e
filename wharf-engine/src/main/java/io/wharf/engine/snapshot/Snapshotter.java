package io.wharf.engine.snapshot;

import io.wharf.engine.archive.LayerStats;
import io.wharf.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Unpacked layers keyed by chain ID. The chain ID names a layer together with everything
 * below it (OCI image spec): {@code chainID(L1) = diffID(L1)},
 * {@code chainID(Ln) = sha256(chainID(Ln-1) + " " + diffID(Ln))}. A snapshot holds only its
 * own layer's files (whiteouts in overlayfs form); a container's root file system is the
 * overlay of its image's chain, top first ({@link #lowerDirs}).
 *
 * <p>Lifecycle: {@link #unpack} makes a snapshot appear whole (unpacked aside, then renamed)
 * or not at all, and so do {@link #stage} then {@link Staged#commit}; {@link #remove} deletes
 * it. {@link #prepare} makes an <em>active</em> snapshot on top of a chain, the writable layer
 * of a container or build step, and {@link #removeActive} deletes it. Snapshots never mount
 * anything: they hand out mounts as data, which wharf-sys performs. Example, a container's root
 * file system:
 *
 * <pre>{@code
 * Mount rootfs = snapshots.prepare(containerId, image.chainIds());
 * // mount(rootfs.source(), bundle/rootfs, rootfs.type(), 0, String.join(",", rootfs.options()))
 * }</pre>
 *
 * Implementations are thread-safe.
 */
public interface Snapshotter {
  /** The chain ID of a layer {@code diffId} on top of the chain {@code parent} (null for none). */
  static Digest chainId(Digest parent, Digest diffId) {
    if (parent == null) {
      return diffId;
    }
    return Digest.of((parent + " " + diffId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  boolean exists(Digest chainId);

  /**
   * Unpacks the uncompressed layer {@code tar} as snapshot {@code chainId}, unless it exists
   * already (then the stream is still read through, to digest it). Returns the layer's diff ID
   * and size; the caller checks the diff ID against what it expected.
   */
  LayerStats unpack(Digest chainId, InputStream tar) throws IOException;

  /**
   * Unpacks the uncompressed layer {@code tar} aside, as no snapshot yet: for a caller that
   * learns the layer's chain only later ({@code docker load} may meet an archive's layers before
   * the manifest that stacks them). A layer's files do not depend on the layers below it (its
   * whiteouts are its own files), only its chain ID does. Reads {@code tar} to its end without
   * digesting it: the caller digests it as it stores the same bytes, and checks the diff ID
   * before it {@link Staged#commit commits}. Closing an uncommitted staged layer removes it;
   * staged layers a crash left are removed when the snapshotter opens.
   */
  Staged stage(InputStream tar) throws IOException;

  /** A layer unpacked aside by {@link #stage}, not yet a snapshot. Not thread-safe. */
  interface Staged extends java.io.Closeable {
    /** The sum of the sizes of its regular files. */
    long size();

    /**
     * Makes it the snapshot {@code chainId}, whole or not at all; when that snapshot exists
     * already, the staged copy is dropped instead.
     */
    void commit(Digest chainId) throws IOException;
  }

  /** The snapshot's directory. */
  Path path(Digest chainId);

  /** The overlayfs lower directories of a chain (bottom first in, top first out). */
  List<Path> lowerDirs(List<Digest> chainIds);

  void remove(Digest chainId) throws IOException;

  /**
   * Makes the active snapshot {@code key} (its writable upper and work directories) on top
   * of {@code chainIds} (bottom first, all unpacked), and returns the overlay mount of the
   * whole, ready to be mounted. An existing active snapshot of that key is reused as it is.
   */
  io.wharf.oci.runtime.Mount prepare(String key, List<Digest> chainIds) throws IOException;

  /** The upper (writable) directory of the active snapshot {@code key}: what a container changed. */
  Path upper(String key);

  /** Deletes the active snapshot {@code key}; its mount must be gone already. */
  void removeActive(String key) throws IOException;

  Set<Digest> list() throws IOException;

  /** The keys of the active snapshots ({@link #prepare}d and not yet removed). */
  Set<String> activeKeys() throws IOException;
}
