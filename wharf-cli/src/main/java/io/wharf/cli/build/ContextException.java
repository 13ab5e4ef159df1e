package io.wharf.cli.build;

/**
 * The context cannot be prepared or sent; the message is the docker CLI's, whole
 * ({@code unable to prepare context: path "x" not found}), and the command exits 1.
 */
public final class ContextException extends Exception {
  public ContextException(String message) {
    super(message, null, false, false);
  }
}
