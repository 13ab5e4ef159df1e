package io.wharf.oci.errors;

/** A request that changed nothing because the object already is as asked (Docker counts 304 as success). */
public final class NotModified extends WharfException {
  public NotModified(String message) {
    super(message, null);
  }

  public NotModified(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 304;
  }
}
