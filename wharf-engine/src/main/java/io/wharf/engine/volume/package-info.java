/**
 * Volumes: named and anonymous volumes of the local driver under the data root, the mounts a
 * container asks for ({@link io.wharf.engine.volume.MountSpec}: volumes, binds, tmpfs, parsed
 * from Docker's {@code -v}, {@code --mount} and {@code --tmpfs} forms), which containers use
 * which volume, and the copy of an image's directory into a new volume.
 */
package io.wharf.engine.volume;
