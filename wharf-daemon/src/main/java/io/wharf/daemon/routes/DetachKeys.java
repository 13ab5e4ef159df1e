package io.wharf.daemon.routes;

import io.wharf.oci.errors.InvalidArgument;
import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Docker's detach keys ({@code ctrl-p,ctrl-q} by default) found in an attached client's
 * input: bytes that begin the sequence are held back until it is clear whether the sequence
 * follows; the sequence itself never reaches the container. Not thread-safe: one per stream.
 */
final class DetachKeys {
  static final String DEFAULT = "ctrl-p,ctrl-q";
  private final byte[] sequence;
  private int matched;

  private DetachKeys(byte[] sequence) {
    this.sequence = sequence;
  }

  /** Parses {@code ctrl-p,ctrl-q}, {@code a,ctrl-a}…; an empty spec means Docker's default. */
  static DetachKeys parse(String spec) {
    String text = spec == null || spec.isEmpty() ? DEFAULT : spec;
    String[] keys = text.split(",");
    byte[] bytes = new byte[keys.length];
    for (int i = 0; i < keys.length; i++) {
      String key = keys[i];
      String lower = key.toLowerCase(Locale.ROOT);
      if (key.length() == 1) {
        bytes[i] = (byte) key.charAt(0);
      } else if (lower.startsWith("ctrl-") && key.length() == 6) {
        char c = lower.charAt(5);
        if (c >= 'a' && c <= 'z') {
          bytes[i] = (byte) (c - 'a' + 1);
        } else if (c == '@') {
          bytes[i] = 0;
        } else if (c >= '[' && c <= '_') {
          bytes[i] = (byte) (c - '[' + 27);
        } else {
          throw new InvalidArgument("Invalid detach keys (" + text + ") provided");
        }
      } else {
        throw new InvalidArgument("Invalid detach keys (" + text + ") provided");
      }
    }
    return new DetachKeys(bytes);
  }

  /**
   * Feeds {@code length} bytes of input: what may go on to the container is written to
   * {@code pass}; returns true when the sequence is complete (the client detaches).
   */
  boolean feed(byte[] input, int offset, int length, ByteArrayOutputStream pass) {
    for (int i = offset; i < offset + length; i++) {
      byte b = input[i];
      if (b == sequence[matched]) {
        matched++;
        if (matched == sequence.length) {
          matched = 0;
          return true;
        }
        continue;
      }
      if (matched > 0) {
        pass.write(sequence, 0, matched); // held back, but it was not the sequence
        matched = 0;
        if (b == sequence[0]) {
          matched = 1;
          continue;
        }
      }
      pass.write(b);
    }
    return false;
  }
}
