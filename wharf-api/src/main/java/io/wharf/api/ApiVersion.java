package io.wharf.api;

import io.wharf.oci.errors.InvalidArgument;

/**
 * An Engine API version ({@code 1.44}). Wharf speaks {@link #CURRENT} and accepts requests
 * down to {@link #MINIMUM}, as dockerd 25 does. Immutable.
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
  public static final ApiVersion CURRENT = new ApiVersion(1, 44);
  public static final ApiVersion MINIMUM = new ApiVersion(1, 24);

  public static ApiVersion parse(String text) {
    int dot = text.indexOf('.');
    try {
      if (dot > 0) {
        return new ApiVersion(Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new InvalidArgument("invalid API version: " + text);
  }

  /** Docker's answers to a version outside [MINIMUM, CURRENT]. */
  public ApiVersion checkSupported() {
    if (compareTo(CURRENT) > 0) {
      throw new InvalidArgument("client version " + this + " is too new. Maximum supported API version is " + CURRENT);
    }
    if (compareTo(MINIMUM) < 0) {
      throw new InvalidArgument("client version " + this + " is too old. Minimum supported API version is " + MINIMUM
          + ", please upgrade your client to a newer version");
    }
    return this;
  }

  public boolean atLeast(int otherMinor) {
    return major > 1 || minor >= otherMinor;
  }

  @Override
  public int compareTo(ApiVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
