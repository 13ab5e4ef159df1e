/**
 * Snapshots: layers unpacked once into directories keyed by chain ID, shared by every image
 * that has the same layers below them; these directories are the overlayfs lower layers of
 * containers and build steps.
 */
package io.wharf.engine.snapshot;
