package io.wharf.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.Digest;
import io.wharf.oci.image.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PushTest {
  private FakeRegistry registry;
  private RegistryClient client;

  @BeforeEach
  void start() throws IOException {
    registry = FakeRegistry.start();
    client = new RegistryClient(RegistryConfig.defaults());
  }

  @AfterEach
  void stop() {
    client.close();
    registry.close();
  }

  private static Descriptor layer(byte[] content) {
    return Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.of(content), content.length);
  }

  @Test
  void blobTheRepositoryHasIsNotUploaded() throws IOException {
    byte[] content = TestImage.bytes(new Random(1), 5000);
    registry.putBlob("app", content);

    boolean uploaded = client.pushBlob(registry.ref("app"), layer(content), () -> new ByteArrayInputStream(content), null);

    assertThat(uploaded).isFalse();
    assertThat(registry.requests("HEAD", "/v2/app/blobs/")).hasSize(1);
    assertThat(registry.requests("POST", "/v2/")).isEmpty();
  }

  @Test
  void blobIsMountedFromAnotherRepository() throws IOException {
    byte[] content = TestImage.bytes(new Random(2), 5000);
    registry.putBlob("library/base", content);

    boolean uploaded = client.pushBlob(registry.ref("app"), layer(content), () -> new ByteArrayInputStream(content), "library/base");

    assertThat(uploaded).isFalse();
    assertThat(registry.blob("app", Digest.of(content))).isEqualTo(content);
    assertThat(registry.requests("PUT", "/v2/")).isEmpty();
  }

  @Test
  void refusedMountFallsBackToAnUpload() throws IOException {
    byte[] content = TestImage.bytes(new Random(3), 5000);

    boolean uploaded = client.pushBlob(registry.ref("app"), layer(content), () -> new ByteArrayInputStream(content), "library/base");

    assertThat(uploaded).isTrue();
    assertThat(registry.blob("app", Digest.of(content))).isEqualTo(content);
    assertThat(registry.requests("POST", "/v2/app/blobs/uploads/")).hasSize(1);
  }

  @Test
  void smallBlobIsUploadedWithOnePut() throws IOException {
    byte[] content = TestImage.bytes(new Random(4), 1_000_000);

    boolean uploaded = client.pushBlob(registry.ref("team/app"), layer(content), () -> new ByteArrayInputStream(content), null);

    assertThat(uploaded).isTrue();
    assertThat(registry.blob("team/app", Digest.of(content))).isEqualTo(content);
    assertThat(registry.requests("PATCH", "/v2/")).isEmpty();
    List<FakeRegistry.Request> puts = registry.requests("PUT", "/v2/team/app/blobs/uploads/");
    assertThat(puts).hasSize(1);
    assertThat(puts.getFirst().uri()).endsWith("?digest=" + Digest.of(content));
  }

  @Test
  void emptyBlobIsUploaded() throws IOException {
    byte[] content = new byte[0];

    assertThat(client.pushBlob(registry.ref("app"), layer(content), () -> new ByteArrayInputStream(content), null)).isTrue();
    assertThat(registry.blob("app", Digest.of(content))).isEmpty();
  }

  @Test
  void blobOver32MibIsUploadedInChunks() throws IOException {
    byte[] content = TestImage.bytes(new Random(5), 33 * 1024 * 1024 + 5);

    boolean uploaded = client.pushBlob(registry.ref("app"), layer(content), () -> new ByteArrayInputStream(content), null);

    assertThat(uploaded).isTrue();
    assertThat(registry.blob("app", Digest.of(content))).isEqualTo(content);
    List<FakeRegistry.Request> patches = registry.requests("PATCH", "/v2/app/blobs/uploads/");
    assertThat(patches).extracting(request -> request.header("Content-Range"))
        .containsExactly("0-16777215", "16777216-33554431", "33554432-34603012");
    assertThat(registry.requests("PUT", "/v2/app/blobs/uploads/")).hasSize(1);
  }

  @Test
  void uploadRefusedByTheRegistryIsItsError() {
    byte[] content = TestImage.bytes(new Random(6), 100);
    byte[] other = TestImage.bytes(new Random(7), 100);

    assertThatThrownBy(() -> client.pushBlob(registry.ref("app"), layer(content), () -> new ByteArrayInputStream(other), null))
        .isInstanceOf(RegistryException.class)
        .hasMessage("digest invalid: provided digest did not match uploaded content");
  }

  @Test
  void manifestIsPutUnderItsTagWithItsMediaType() throws IOException {
    TestImage image = TestImage.docker(8);
    registry.putBlob("app", image.config());
    image.layers().forEach(layer -> registry.putBlob("app", layer));

    Digest digest = client.pushManifest(registry.ref("app:v1"), image.manifest(), MediaTypes.DOCKER_MANIFEST);

    assertThat(digest).isEqualTo(image.digest());
    assertThat(registry.manifest("app", "v1").mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(client.resolve(registry.ref("app:v1")).manifestDigest()).isEqualTo(digest);
  }

  @Test
  void manifestStoredUnderAnotherDigestIsAnError() {
    byte[] manifest = TestImage.oci(9).manifest();
    registry.override("PUT", "/v2/app/manifests/v1", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Docker-Content-Digest", Digest.of(new byte[] {0}).toString());
      FakeRegistry.send(exchange, 201, null, new byte[0]);
    });

    assertThatThrownBy(() -> client.pushManifest(registry.ref("app:v1"), manifest, MediaTypes.OCI_MANIFEST))
        .hasMessageContaining(Digest.of(manifest).toString());
  }

  @Test
  void blobExistsAsksWithHead() throws IOException {
    byte[] content = TestImage.bytes(new Random(10), 10);
    registry.putBlob("app", content);

    assertThat(client.blobExists(registry.ref("app"), Digest.of(content))).isTrue();
    assertThat(client.blobExists(registry.ref("app"), Digest.of(new byte[] {1}))).isFalse();
  }
}
