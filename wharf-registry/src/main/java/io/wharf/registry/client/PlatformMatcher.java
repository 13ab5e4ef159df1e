package io.wharf.registry.client;

import io.wharf.oci.image.Platform;
import java.util.List;
import java.util.Objects;

/**
 * Picks an index entry for a platform as containerd's default matcher does: OS and
 * architecture equal, variants compared after normalisation ({@code arm64/v8} is
 * {@code arm64}, {@code amd64/v1} is {@code amd64}, {@code arm} is {@code arm/v7}); so
 * {@code linux/amd64} takes the variant-less entry, never {@code amd64/v3}. Stateless.
 */
final class PlatformMatcher {
  /** Docker's default platform. */
  static final Platform LINUX_AMD64 = Platform.LINUX_AMD64;

  private PlatformMatcher() {}

  /** The first entry for {@code wanted}; throws with Docker's wording when there is none. */
  static io.wharf.oci.image.Descriptor pick(List<io.wharf.oci.image.Descriptor> entries, Platform wanted) throws RegistryException {
    for (io.wharf.oci.image.Descriptor entry : entries == null ? List.<io.wharf.oci.image.Descriptor>of() : entries) {
      Platform platform = entry.platform();
      if (platform != null && Objects.equals(platform.os(), wanted.os())
          && Objects.equals(platform.architecture(), wanted.architecture())
          && variant(platform).equals(variant(wanted))) {
        return entry;
      }
    }
    throw new RegistryException(404, "MANIFEST_UNKNOWN", "no matching manifest for " + format(wanted) + " in the manifest list entries");
  }

  /** {@code linux/amd64}, {@code linux/arm/v7}. */
  static String format(Platform platform) {
    String variant = platform.variant();
    return platform.os() + "/" + platform.architecture() + (variant == null || variant.isEmpty() ? "" : "/" + variant);
  }

  private static String variant(Platform platform) {
    String variant = platform.variant() == null ? "" : platform.variant();
    return switch (platform.architecture() == null ? "" : platform.architecture()) {
      case "arm64" -> variant.equals("v8") ? "" : variant;
      case "amd64" -> variant.equals("v1") ? "" : variant;
      case "arm" -> variant.isEmpty() ? "v7" : variant;
      default -> variant;
    };
  }
}
