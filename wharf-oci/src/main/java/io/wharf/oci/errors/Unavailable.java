package io.wharf.oci.errors;

/** A dependency that is not there right now (a runtime missing, a daemon shutting down). */
public final class Unavailable extends WharfException {
  public Unavailable(String message) {
    super(message, null);
  }

  public Unavailable(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 503;
  }
}
