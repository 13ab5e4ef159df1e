package io.wharf.oci.errors;

/**
 * An error whose kind the API maps to an HTTP status (NotFound → 404, Conflict → 409, …).
 * The message is what the user sees, in Docker's wording where clients match on it.
 * Immutable and thread-safe.
 */
public abstract sealed class WharfException extends RuntimeException
    permits NotFound, Conflict, InvalidArgument, Forbidden, Unauthorized, NotModified, Unavailable, SystemError {

  protected WharfException(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** The HTTP status Docker uses for this kind of error. */
  public abstract int httpStatus();
}
