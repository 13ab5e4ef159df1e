package io.wharf.engine.network.dns;

/**
 * A DNS message that cannot be read: shorter than its counts say, a name longer than 255 bytes,
 * a compression pointer forward or into a loop. The server drops such a message unanswered, as
 * Docker's does. Immutable.
 */
final class DnsFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  DnsFormatException(String message) {
    super(message, null, false, false);
  }
}
