package io.wharf.oci.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The platform of an image in an index. Immutable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Platform(
    @JsonProperty("architecture") String architecture,
    @JsonProperty("os") String os,
    @JsonProperty("os.version") String osVersion,
    @JsonProperty("os.features") List<String> osFeatures,
    @JsonProperty("variant") String variant) {

  /** The platform this daemon runs: linux/amd64. */
  public static final Platform LINUX_AMD64 = new Platform("amd64", "linux", null, null, null);

  /**
   * {@code os[/arch[/variant]]} as {@code --platform} takes it ({@code linux/arm64/v8},
   * {@code linux}); architecture aliases ({@code x86_64}, {@code aarch64}) are normalised and
   * a missing architecture is amd64.
   */
  public static Platform parse(String text) {
    String[] parts = text.strip().toLowerCase(java.util.Locale.ROOT).split("/", -1);
    if (parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(p -> !p.matches("[a-z0-9_.-]+"))) {
      throw new io.wharf.oci.errors.InvalidArgument("\"" + text + "\": unknown operating system or architecture: "
          + "invalid argument");
    }
    String arch = parts.length > 1 ? parts[1] : "amd64";
    String variant = parts.length > 2 ? parts[2] : null;
    switch (arch) {
      case "x86_64", "x86-64" -> arch = "amd64";
      case "aarch64" -> {
        arch = "arm64";
      }
      case "armhf" -> {
        arch = "arm";
        variant = variant == null ? "v7" : variant;
      }
      case "armel" -> {
        arch = "arm";
        variant = variant == null ? "v6" : variant;
      }
      case "i386" -> arch = "386";
      default -> { }
    }
    return new Platform(arch, parts[0], null, null, variant);
  }
}
