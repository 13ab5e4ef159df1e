package io.wharf.registry.server;

import static io.wharf.registry.server.RegistryFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryNameTest {
  @TempDir Path root;

  @ParameterizedTest
  @ValueSource(strings = {"busybox", "library/busybox", "a.b/c_d/e__f/g-h---i", "ghcr.io/x", "0/1/2"})
  void specNamesAreValid(String name) {
    assertThat(new RepositoryName(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Busybox", "a//b", "/a", "a/", "..", "a/../b", "a/./b", "%2e%2e", "a___b", "-a", "a-",
      "_manifests", "a/_layers", "a b", "a\\b"})
  void otherNamesAreNameInvalid(String name) {
    assertThatThrownBy(() -> new RepositoryName(name))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code).isEqualTo(ErrorCode.NAME_INVALID));
  }

  @Test
  void namesLongerThan255CharactersAreInvalid() {
    assertThat(RepositoryName.isValid("a".repeat(255))).isTrue();
    assertThat(RepositoryName.isValid("a".repeat(256))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/v2/../../etc/blobs/uploads/",
      "/v2/app/../../../tmp/blobs/uploads/",
      "/v2/%2e%2e/%2e%2e/tmp/blobs/uploads/",
      "/v2/app%2F..%2F..%2Fx/blobs/uploads/",
      "/v2/App/blobs/uploads/",
      "/v2//app/blobs/uploads/"})
  void pathTricksAreRefusedAndWriteNothingOutsideTheRoot(String path) throws IOException {
    try (RegistryFixture registry = RegistryFixture.start(root.resolve("registry"))) {
      int status = registry.raw("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      int tags = registry.raw("GET " + path.replace("blobs/uploads/", "tags/list") + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

      assertThat(status).isEqualTo(400);
      assertThat(tags).isIn(400, 404);
    }
    try (Stream<Path> all = Files.walk(root)) {
      assertThat(all.filter(p -> !p.startsWith(root.resolve("registry")))).containsExactly(root);
    }
    try (Stream<Path> repositories = Files.list(root.resolve("registry/repositories"))) {
      assertThat(repositories).isEmpty();
    }
  }

  @Test
  void nameInvalidOverHttp() throws IOException {
    try (RegistryFixture registry = RegistryFixture.start(root)) {
      assertThat(errorCode(registry.get("/v2/UPPER/tags/list"))).isEqualTo("NAME_INVALID");
      assertThat(errorCode(registry.get("/v2/" + "a".repeat(256) + "/manifests/latest"))).isEqualTo("NAME_INVALID");
      assertThat(errorCode(registry.get("/v2/%2e%2e/etc/tags/list"))).isEqualTo("NAME_INVALID");
    }
  }
}
