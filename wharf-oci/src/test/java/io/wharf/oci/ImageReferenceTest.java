package io.wharf.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.errors.InvalidArgument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
  @ParameterizedTest
  @CsvSource({
      "busybox, docker.io/library/busybox:latest, busybox:latest",
      "busybox:1.36, docker.io/library/busybox:1.36, busybox:1.36",
      "user/app, docker.io/user/app:latest, user/app:latest",
      "docker.io/library/busybox, docker.io/library/busybox:latest, busybox:latest",
      "index.docker.io/library/busybox:1, docker.io/library/busybox:1, busybox:1",
      "localhost/app, localhost/app:latest, localhost/app:latest",
      "localhost:5000/team/app:v2, localhost:5000/team/app:v2, localhost:5000/team/app:v2",
      "ghcr.io/a/b, ghcr.io/a/b:latest, ghcr.io/a/b:latest",
      "Registry/app, Registry/app:latest, Registry/app:latest",
      "a-b/c__d.e, docker.io/a-b/c__d.e:latest, a-b/c__d.e:latest"})
  void normalisesAsDockerDoes(String input, String full, String familiar) {
    ImageReference ref = ImageReference.parse(input).withDefaultTag();
    assertThat(ref.toString()).isEqualTo(full);
    assertThat(ref.familiarString()).isEqualTo(familiar);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a:b:c", "app:", ":tag", "-app", "app@sha256:123", "a//b", "app:t@g", "ns/app/"})
  void refusesMalformedReferences(String input) {
    assertThatThrownBy(() -> ImageReference.parse(input)).isInstanceOf(InvalidArgument.class)
        .hasMessageStartingWith("invalid reference format");
  }

  @org.junit.jupiter.api.Test
  void uppercaseRepositoryIsNamed() {
    assertThatThrownBy(() -> ImageReference.parse("Busybox")).isInstanceOf(InvalidArgument.class)
        .hasMessage("invalid reference format: repository name (library/Busybox) must be lowercase");
  }

  @org.junit.jupiter.api.Test
  void bareIdIsNotAName() {
    assertThatThrownBy(() -> ImageReference.parse("a".repeat(64))).hasMessageContaining("64-byte hexadecimal");
  }

  @org.junit.jupiter.api.Test
  void digestReferenceKeepsItsDigest() {
    String digest = "sha256:" + "0123456789abcdef".repeat(4);
    ImageReference ref = ImageReference.parse("localhost:5000/app@" + digest);
    assertThat(ref.digest().toString()).isEqualTo(digest);
    assertThat(ref.tag()).isNull();
    assertThat(ref.withDefaultTag()).isEqualTo(ref);
    assertThat(ref.familiarString()).isEqualTo("localhost:5000/app@" + digest);
  }

  @org.junit.jupiter.api.Test
  void tagRouteRepositoryMayBeFullyQualified() {
    assertThat(ImageReference.of("docker.io/library/x", "2").familiarString()).isEqualTo("x:2");
    assertThat(ImageReference.of("x", "").familiarString()).isEqualTo("x:latest");
    assertThatThrownBy(() -> ImageReference.of("x", "bad tag")).isInstanceOf(InvalidArgument.class);
  }
}
