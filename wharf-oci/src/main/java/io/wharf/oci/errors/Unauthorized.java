package io.wharf.oci.errors;

/** Credentials a registry refused (docker login). */
public final class Unauthorized extends WharfException {
  public Unauthorized(String message) {
    super(message, null);
  }

  public Unauthorized(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 401;
  }
}
