package io.wharf.oci.errors;

/** An object that does not exist (Docker's 404: "No such image: x"). */
public final class NotFound extends WharfException {
  public NotFound(String message) {
    super(message, null);
  }

  public NotFound(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 404;
  }
}
