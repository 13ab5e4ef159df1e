package io.wharf.client;

/** Nothing answers at the daemon's address. */
public final class ConnectException extends RuntimeException {
  private final String host;

  public ConnectException(String host, Throwable cause) {
    super("cannot connect to " + host, cause, false, false);
    this.host = host;
  }

  public String host() {
    return host;
  }
}
