package io.wharf.engine.build.context;

import io.wharf.oci.errors.InvalidArgument;

/**
 * How COPY or ADD writes its sources. Immutable.
 *
 * @param chown {@code --chown}: null, or {@code user[:group]} as names or numeric ids
 * @param chmod {@code --chmod}: null, or the permission bits (from octal) every copied file and
 *     directory gets
 * @param add whether this is ADD: a local archive is then extracted rather than copied
 */
public record CopyOptions(String chown, Integer chmod, boolean add) {
  /** Checks that {@code chmod} is permission bits. */
  public CopyOptions {
    if (chmod != null && (chmod < 0 || chmod > 07777)) {
      throw new InvalidArgument("invalid chmod parameter: " + Integer.toOctalString(chmod));
    }
  }

  /** The instruction's keyword, for messages. */
  public String keyword() {
    return add ? "ADD" : "COPY";
  }
}
