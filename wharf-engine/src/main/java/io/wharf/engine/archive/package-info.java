/**
 * Tar archives: compression detection, and the safe extraction of layers into snapshot
 * directories (paths resolved inside their root, whiteouts in overlayfs form).
 */
package io.wharf.engine.archive;
