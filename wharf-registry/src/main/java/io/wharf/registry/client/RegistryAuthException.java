package io.wharf.registry.client;

/**
 * The registry refused the credentials, or demanded some where there were none: a 401 after
 * the challenge was answered, a 403, or a token server that would not issue a token. The
 * message is Docker's: {@code unauthorized: authentication required},
 * {@code unauthorized: incorrect username or password}, {@code denied: requested access to
 * the resource is denied}. Immutable.
 */
public final class RegistryAuthException extends RegistryException {
  public RegistryAuthException(int status, String code, String message) {
    super(status, code, message);
  }
}
