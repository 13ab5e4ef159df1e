package io.wharf.oci;

import io.wharf.oci.errors.InvalidArgument;
import java.util.regex.Pattern;

/**
 * An image reference, normalised as Docker does ({@code distribution/reference}):
 * {@code busybox} is {@code docker.io/library/busybox}, {@code user/app} is
 * {@code docker.io/user/app}, and a first component with a {@code .} or {@code :}, or
 * {@code localhost}, names a registry. Tag and digest are optional. Immutable.
 *
 * @param domain the registry host ({@code docker.io}, {@code localhost:5000})
 * @param path the repository path in the registry ({@code library/busybox})
 * @param tag the tag, or null
 * @param digest the manifest digest, or null
 */
public record ImageReference(String domain, String path, String tag, Digest digest) {
  public static final String DOCKER_HUB = "docker.io";
  private static final String LEGACY_HUB = "index.docker.io";
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern DOMAIN = Pattern.compile(
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?"
          + "|\\[[a-fA-F0-9:]+\\](?::[0-9]+)?");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

  /** Parses what a user types: {@code busybox}, {@code busybox:1.36}, {@code host:5000/a/b@sha256:…}. */
  public static ImageReference parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidArgument("invalid reference format");
    }
    if (HEX64.matcher(text).matches()) {
      throw new InvalidArgument("invalid repository name (" + text + "), cannot specify 64-byte hexadecimal strings");
    }
    String rest = text;
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      String digestText = rest.substring(at + 1);
      if (!Digest.isDigest(digestText)) {
        throw new InvalidArgument("invalid reference format");
      }
      digest = Digest.parse(digestText);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new InvalidArgument("invalid reference format");
      }
    }
    return ofName(rest, tag, digest);
  }

  /**
   * The reference for {@code repository} (possibly fully qualified, as the docker CLI sends
   * it to the tag route) and {@code tag} (null or empty for {@code latest}).
   */
  public static ImageReference of(String repository, String tag) {
    if (repository == null || repository.isEmpty() || repository.contains("@")) {
      throw new InvalidArgument("invalid reference format");
    }
    String effectiveTag = tag == null || tag.isEmpty() ? "latest" : tag;
    if (!isValidTag(effectiveTag)) {
      throw new InvalidArgument("invalid tag format");
    }
    return ofName(repository, effectiveTag, null);
  }

  private static ImageReference ofName(String name, String tag, Digest digest) {
    if (name.isEmpty() || name.length() > 255) {
      throw new InvalidArgument(name.isEmpty() ? "invalid reference format" : "invalid reference format: repository name must not be more than 255 characters");
    }
    String domain;
    String path;
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
        || !first.equals(first.toLowerCase(java.util.Locale.ROOT)))) {
      domain = first;
      path = name.substring(slash + 1);
      if (!DOMAIN.matcher(domain).matches()) {
        throw new InvalidArgument("invalid reference format");
      }
    } else {
      domain = DOCKER_HUB;
      path = name;
    }
    if (domain.equals(LEGACY_HUB)) {
      domain = DOCKER_HUB;
    }
    if (domain.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
      path = "library/" + path;
    }
    for (String component : path.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        if (COMPONENT.matcher(component.toLowerCase(java.util.Locale.ROOT)).matches()) {
          throw new InvalidArgument("invalid reference format: repository name (" + path + ") must be lowercase");
        }
        throw new InvalidArgument("invalid reference format");
      }
    }
    return new ImageReference(domain, path, tag, digest);
  }

  /** True for a valid tag: {@code [\w][\w.-]{0,127}}. */
  public static boolean isValidTag(String tag) {
    return tag != null && TAG.matcher(tag).matches();
  }

  /** This reference, with tag {@code latest} when it has neither tag nor digest. */
  public ImageReference withDefaultTag() {
    return tag == null && digest == null ? new ImageReference(domain, path, "latest", null) : this;
  }

  /** This reference without tag and digest. */
  public ImageReference repository() {
    return new ImageReference(domain, path, null, null);
  }

  /** This reference with {@code tag} instead of its tag and digest. */
  public ImageReference withTag(String newTag) {
    return new ImageReference(domain, path, newTag, null);
  }

  /** This reference with {@code newDigest} instead of its tag and digest. */
  public ImageReference withDigest(Digest newDigest) {
    return new ImageReference(domain, path, null, newDigest);
  }

  /** The full repository name: {@code docker.io/library/busybox}. */
  public String name() {
    return domain + "/" + path;
  }

  /** The repository as Docker shows it: {@code busybox}, {@code user/app}, {@code localhost:5000/app}. */
  public String familiarName() {
    if (domain.equals(DOCKER_HUB)) {
      return path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
    }
    return name();
  }

  /** The reference as Docker shows it: {@code busybox:latest}, {@code app@sha256:…}. */
  public String familiarString() {
    return familiarName() + suffix();
  }

  /** The full reference: {@code docker.io/library/busybox:latest}. */
  @Override
  public String toString() {
    return name() + suffix();
  }

  private String suffix() {
    return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
