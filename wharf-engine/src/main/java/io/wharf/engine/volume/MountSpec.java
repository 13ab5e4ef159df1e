package io.wharf.engine.volume;

/**
 * One mount of a container, resolved at create: a volume (by name; anonymous ones named then), a
 * bind of a host path, or a tmpfs. Immutable.
 *
 * @param type {@code volume}, {@code bind} or {@code tmpfs}
 * @param source the volume's name, the host path, or "" for tmpfs
 * @param target the absolute path in the container
 * @param propagation for binds: {@code rprivate} (Docker's default), {@code private}, {@code rshared}, …
 * @param noCopy for volumes: do not fill a new volume with the image's content at {@code target}
 * @param tmpfsOptions for tmpfs: the mount options ({@code size=1m,mode=1777}), Docker's defaults added
 * @param mode the mode as written in {@code -v} ({@code ro}, {@code z}, …), for inspect's {@code Mode}
 */
public record MountSpec(String type, String source, String target, boolean readOnly, String propagation,
    boolean noCopy, String tmpfsOptions, String mode) {

  public MountSpec {
    propagation = propagation == null ? "" : propagation;
    tmpfsOptions = tmpfsOptions == null ? "" : tmpfsOptions;
    mode = mode == null ? "" : mode;
  }

  public boolean ofVolume() {
    return type.equals("volume");
  }

  MountSpec withSource(String name) {
    return new MountSpec(type, name, target, readOnly, propagation, noCopy, tmpfsOptions, mode);
  }

  /** This mount, read-only when {@code ro} ({@code --volumes-from x:ro}). */
  public MountSpec withReadOnly(boolean ro) {
    return new MountSpec(type, source, target, ro, propagation, noCopy, tmpfsOptions, mode);
  }
}
