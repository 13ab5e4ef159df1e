package io.wharf.oci.errors;

/** A request that is malformed: bad JSON, a bad reference, a bad flag value, a hostile tar. */
public final class InvalidArgument extends WharfException {
  public InvalidArgument(String message) {
    super(message, null);
  }

  public InvalidArgument(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 400;
  }
}
