package io.wharf.client;

/** A non-2xx answer of the daemon: its status and the {@code message} of its body. */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
