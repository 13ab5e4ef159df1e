package io.wharf.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.wharf.oci.errors.InvalidArgument;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest, {@code sha256:<64 hex>}: the name of every blob, the ID of every image.
 * Valid by construction; immutable.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
  private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");

  public Digest {
    if (!"sha256".equals(algorithm)) {
      throw new InvalidArgument("unsupported digest algorithm: " + algorithm);
    }
    if (!SHA256_HEX.matcher(hex).matches()) {
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
    return text.startsWith("sha256:") && SHA256_HEX.matcher(text.substring(7)).matches();
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
