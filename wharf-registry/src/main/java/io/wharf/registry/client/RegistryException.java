package io.wharf.registry.client;

import java.io.IOException;

/**
 * A registry answered with an error. The message is Docker's wording: the first OCI error
 * code in lower case, a colon, its message ({@code blob unknown: blob unknown to registry}),
 * or {@code received unexpected HTTP status: 500 Internal Server Error} without an error body.
 * Immutable.
 */
public class RegistryException extends IOException {
  private final int status;
  private final String code;

  public RegistryException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** The HTTP status, or 0 when the error did not come from an HTTP response. */
  public int status() {
    return status;
  }

  /** The first OCI error code ({@code BLOB_UNKNOWN}), or null. */
  public String code() {
    return code;
  }
}
