package io.wharf.engine.image;

import io.wharf.oci.errors.InvalidArgument;
import java.net.URI;
import java.util.List;

/**
 * How the daemon talks to registries, from {@code daemon.json} or the flags of the same names.
 * Immutable; the constructor refuses what dockerd refuses, with its words.
 *
 * @param insecureRegistries {@code insecure-registries}: {@code host[:port]} or CIDRs that may be
 *     reached over plain HTTP or with any certificate (loopback always may)
 * @param mirrors {@code registry-mirrors}: {@code http(s)://host[:port]} tried before Docker Hub
 * @param maxConcurrentDownloads {@code max-concurrent-downloads}: layers fetched at once per pull
 * @param maxConcurrentUploads {@code max-concurrent-uploads}: layers sent at once per push
 */
public record DistributionSettings(List<String> insecureRegistries, List<String> mirrors, int maxConcurrentDownloads,
    int maxConcurrentUploads) {
  public DistributionSettings {
    insecureRegistries = List.copyOf(insecureRegistries);
    mirrors = mirrors.stream().map(DistributionSettings::mirror).toList();
    for (String registry : insecureRegistries) {
      if (registry.contains("://")) {
        throw new InvalidArgument("insecure registry " + registry + " should not contain '://'");
      }
    }
    if (maxConcurrentDownloads < 1) {
      throw new InvalidArgument("invalid max concurrent downloads: " + maxConcurrentDownloads);
    }
    if (maxConcurrentUploads < 1) {
      throw new InvalidArgument("invalid max concurrent uploads: " + maxConcurrentUploads);
    }
  }

  /** Docker's defaults: no insecure registries besides loopback, no mirrors, 3 downloads, 5 uploads. */
  public static DistributionSettings defaults() {
    return new DistributionSettings(List.of(), List.of(), 3, 5);
  }

  /** {@code text} as a mirror URL without a trailing slash, or dockerd's error. */
  private static String mirror(String text) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidArgument("invalid mirror: \"" + text + "\" is not a valid URI");
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new InvalidArgument("invalid mirror: \"" + text + "\" is not a valid URI");
    }
    if (!uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
      throw new InvalidArgument("invalid mirror: unsupported scheme \"" + uri.getScheme() + "\" in \"" + text + "\"");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if ((!path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidArgument("invalid mirror: path, query, or fragment at end of the URI \"" + text + "\"");
    }
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
