package io.wharf.oci.errors;

/** A request that is understood but not allowed. */
public final class Forbidden extends WharfException {
  public Forbidden(String message) {
    super(message, null);
  }

  public Forbidden(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 403;
  }
}
