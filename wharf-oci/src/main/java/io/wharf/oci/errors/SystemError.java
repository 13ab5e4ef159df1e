package io.wharf.oci.errors;

/** An error of Wharf or the host rather than of the request. */
public final class SystemError extends WharfException {
  public SystemError(String message) {
    super(message, null);
  }

  public SystemError(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 500;
  }
}
