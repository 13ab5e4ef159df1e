package io.wharf.oci.errors;

/** A request that clashes with the current state (a name in use, an image used by a container). */
public final class Conflict extends WharfException {
  public Conflict(String message) {
    super(message, null);
  }

  public Conflict(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 409;
  }
}
