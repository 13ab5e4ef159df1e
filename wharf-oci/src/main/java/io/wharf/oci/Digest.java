package io.wharf.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.wharf.oci.errors.InvalidArgument;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A content digest, {@code sha256:<64 hex>}: the name of every blob, the ID of every image.
 * Valid by construction; immutable.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
  public Digest {
    if (!"sha256".equals(algorithm)) {
      throw new InvalidArgument("unsupported digest algorithm: " + algorithm);
    }
    if (!isSha256Hex(hex)) {
      throw new InvalidArgument("invalid checksum digest format: " + algorithm + ":" + hex);
    }
  }

  /** Parses {@code sha256:<hex>}; throws {@link InvalidArgument} naming the bad input. */
  @JsonCreator
  public static Digest parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new InvalidArgument("invalid checksum digest format: " + text);
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** True when {@code text} is a well-formed sha256 digest. */
  public static boolean isDigest(String text) {
    return text.startsWith("sha256:") && text.length() == 7 + 64 && isSha256Hex(text.substring(7));
  }

  /** 64 lower-case hex digits ({@code [a-f0-9]{64}}), checked without a regex: every record read parses IDs. */
  private static boolean isSha256Hex(String hex) {
    if (hex.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** The sha256 digest of {@code bytes}. */
  public static Digest of(byte[] bytes) {
    return fromHash(sha256().digest(bytes));
  }

  /** Wraps a finished sha256 hash. */
  public static Digest fromHash(byte[] sha256) {
    return new Digest("sha256", HexFormat.of().formatHex(sha256));
  }

  /** A fresh sha256 {@link MessageDigest}. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The 12-character short ID Docker prints ({@code 6458dff9a488}). */
  public String shortId() {
    return hex.substring(0, 12);
  }

  @JsonValue
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  @Override
  public int compareTo(Digest other) {
    return toString().compareTo(other.toString());
  }
}
