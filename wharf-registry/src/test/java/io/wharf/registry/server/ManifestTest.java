package io.wharf.registry.server;

import static io.wharf.registry.server.RegistryFixture.errorCode;
import static io.wharf.registry.server.RegistryFixture.json;
import static io.wharf.registry.server.RegistryFixture.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.oci.Digest;
import io.wharf.oci.Json;
import io.wharf.oci.image.MediaTypes;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  @TempDir Path root;
  RegistryFixture registry;

  @BeforeEach
  void start() throws IOException {
    registry = RegistryFixture.start(root);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void pushedManifestIsServedByTagAndDigestWithItsExactBytesAndType() throws IOException {
    RegistryFixture.Image image = registry.pushImage("app", "v1", 1, 2);

    for (String reference : List.of("v1", image.manifest().toString())) {
      HttpResponse<byte[]> r = registry.get("/v2/app/manifests/" + reference);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(image.bytes());
      assertThat(r.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_MANIFEST);
      assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(image.manifest().toString());
    }
    HttpResponse<byte[]> head = registry.send("HEAD", "/v2/app/manifests/v1", null);
    assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(image.bytes().length));
    assertThat(head.body()).isEmpty();
  }

  @Test
  void putAnswersWithLocationAndDigest() throws IOException {
    byte[] config = random(2, 50);
    registry.pushBlob("app", config);
    byte[] manifest = RegistryFixture.manifest(MediaTypes.DOCKER_MANIFEST, config, List.of(), null, null);

    HttpResponse<byte[]> r = registry.send("PUT", "/v2/app/manifests/latest", manifest, "Content-Type", MediaTypes.DOCKER_MANIFEST);

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location")).hasValue("/v2/app/manifests/" + Digest.of(manifest));
    assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(Digest.of(manifest).toString());
    assertThat(registry.get("/v2/app/manifests/latest").headers().firstValue("Content-Type"))
        .hasValue(MediaTypes.DOCKER_MANIFEST);
  }

  @Test
  void manifestReferencingMissingBlobsIsRefusedNamingEach() throws IOException {
    byte[] config = random(3, 50);
    byte[] layer = random(4, 50);
    byte[] manifest = RegistryFixture.manifest(MediaTypes.OCI_MANIFEST, config, List.of(layer), null, null);

    HttpResponse<byte[]> r = registry.send("PUT", "/v2/app/manifests/v1", manifest, "Content-Type", MediaTypes.OCI_MANIFEST);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
    assertThat(json(r).path("errors").findValuesAsText("digest"))
        .containsExactlyInAnyOrder(Digest.of(config).toString(), Digest.of(layer).toString());
    assertThat(registry.get("/v2/app/manifests/v1").statusCode()).isEqualTo(404);
    assertThat(root.resolve("blobs/sha256/" + Digest.of(manifest).hex())).doesNotExist();
  }

  @Test
  void blobOfAnotherRepositoryDoesNotCount() throws IOException {
    byte[] config = random(5, 50);
    registry.pushBlob("other", config);
    byte[] manifest = RegistryFixture.manifest(MediaTypes.OCI_MANIFEST, config, List.of(), null, null);

    HttpResponse<byte[]> r = registry.send("PUT", "/v2/app/manifests/v1", manifest, "Content-Type", MediaTypes.OCI_MANIFEST);

    assertThat(errorCode(r)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  void indexNeedsItsManifestsInTheRepository() throws IOException {
    RegistryFixture.Image image = registry.pushImage("app", "amd64", 6, 1);
    Map<String, Object> child = Map.of("mediaType", MediaTypes.OCI_MANIFEST, "digest", image.manifest().toString(),
        "size", image.bytes().length, "platform", Map.of("os", "linux", "architecture", "amd64"));
    Map<String, Object> missing = Map.of("mediaType", MediaTypes.OCI_MANIFEST, "digest", Digest.of(new byte[3]).toString(), "size", 3);
    byte[] good = Json.MAPPER.writeValueAsBytes(Map.of("schemaVersion", 2, "mediaType", MediaTypes.OCI_INDEX, "manifests", List.of(child)));
    byte[] bad = Json.MAPPER.writeValueAsBytes(Map.of("schemaVersion", 2, "manifests", List.of(child, missing)));

    HttpResponse<byte[]> refused = registry.send("PUT", "/v2/app/manifests/broken", bad, "Content-Type", MediaTypes.OCI_INDEX);
    Digest index = registry.pushManifest("app", "latest", MediaTypes.OCI_INDEX, good);

    assertThat(errorCode(refused)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
    assertThat(registry.get("/v2/app/manifests/" + index).headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_INDEX);
  }

  @Test
  void digestReferenceMustMatchTheBytes() throws IOException {
    RegistryFixture.Image image = registry.pushImage("app", "v1", 7, 1);
    byte[] changed = new String(image.bytes(), StandardCharsets.UTF_8).replace("{", "{ ").getBytes(StandardCharsets.UTF_8);

    HttpResponse<byte[]> r = registry.send("PUT", "/v2/app/manifests/" + image.manifest(), changed,
        "Content-Type", MediaTypes.OCI_MANIFEST);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("DIGEST_INVALID");
    assertThat(registry.pushManifest("app", image.manifest().toString(), MediaTypes.OCI_MANIFEST, image.bytes()))
        .isEqualTo(image.manifest());
  }

  @Test
  void manifestOverFourMebibytesIsRefused() throws IOException {
    byte[] huge = new byte[ManifestStore.MAX_SIZE + 1];
    java.util.Arrays.fill(huge, (byte) ' ');

    HttpResponse<byte[]> r = registry.send("PUT", "/v2/app/manifests/big", huge, "Content-Type", MediaTypes.OCI_MANIFEST);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(errorCode(r)).isEqualTo("MANIFEST_INVALID");
  }

  @Test
  void malformedManifestsAreInvalid() throws IOException {
    byte[] config = random(8, 50);
    registry.pushBlob("app", config);
    byte[] docker = RegistryFixture.manifest(MediaTypes.DOCKER_MANIFEST, config, List.of(), null, null);

    assertThat(errorCode(registry.send("PUT", "/v2/app/manifests/a", "not json".getBytes(), "Content-Type", MediaTypes.OCI_MANIFEST)))
        .isEqualTo("MANIFEST_INVALID");
    assertThat(errorCode(registry.send("PUT", "/v2/app/manifests/a", docker, "Content-Type", MediaTypes.OCI_MANIFEST)))
        .as("mediaType contradicts Content-Type").isEqualTo("MANIFEST_INVALID");
    assertThat(errorCode(registry.send("PUT", "/v2/app/manifests/a", "{\"schemaVersion\":1}".getBytes(), "Content-Type",
        "application/vnd.docker.distribution.manifest.v1+json"))).isEqualTo("MANIFEST_INVALID");
    assertThat(errorCode(registry.send("PUT", "/v2/app/manifests/-bad-tag", docker, "Content-Type", MediaTypes.DOCKER_MANIFEST)))
        .isEqualTo("MANIFEST_INVALID");
  }

  @Test
  void unknownManifestIsManifestUnknown() throws IOException {
    HttpResponse<byte[]> r = registry.get("/v2/app/manifests/nope");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(errorCode(r)).isEqualTo("MANIFEST_UNKNOWN");
  }

  @Test
  void referenceThatCannotBeATagIsUnknownNotInvalid() throws IOException {
    registry.pushImage("app", "v1", 11, 1);

    HttpResponse<byte[]> get = registry.get("/v2/app/manifests/.INVALID_MANIFEST_NAME");
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(errorCode(get)).isEqualTo("MANIFEST_UNKNOWN");
    assertThat(registry.send("HEAD", "/v2/app/manifests/.INVALID_MANIFEST_NAME", null).statusCode()).isEqualTo(404);
    HttpResponse<byte[]> delete = registry.send("DELETE", "/v2/app/manifests/.INVALID_MANIFEST_NAME", null);
    assertThat(delete.statusCode()).isEqualTo(404);
    assertThat(errorCode(delete)).isEqualTo("MANIFEST_UNKNOWN");
  }

  @Test
  void deleteByTagRemovesOnlyTheTag() throws IOException {
    RegistryFixture.Image image = registry.pushImage("app", "v1", 9, 1);

    assertThat(registry.send("DELETE", "/v2/app/manifests/v1", null).statusCode()).isEqualTo(202);

    assertThat(registry.get("/v2/app/manifests/v1").statusCode()).isEqualTo(404);
    assertThat(registry.get("/v2/app/manifests/" + image.manifest()).statusCode()).isEqualTo(200);
  }

  @Test
  void deleteByDigestRemovesTheManifestAndItsTags() throws IOException {
    RegistryFixture.Image image = registry.pushImage("app", "v1", 10, 1);
    registry.pushManifest("app", "v2", MediaTypes.OCI_MANIFEST, image.bytes());

    assertThat(registry.send("DELETE", "/v2/app/manifests/" + image.manifest(), null).statusCode()).isEqualTo(202);

    assertThat(registry.get("/v2/app/manifests/" + image.manifest()).statusCode()).isEqualTo(404);
    assertThat(registry.get("/v2/app/manifests/v2").statusCode()).isEqualTo(404);
    assertThat(json(registry.get("/v2/app/tags/list")).path("tags")).isEmpty();
    assertThat(errorCode(registry.send("DELETE", "/v2/app/manifests/" + image.manifest(), null))).isEqualTo("MANIFEST_UNKNOWN");
  }

  @Test
  void manifestIsAlsoServedAsABlobOfItsRepository() throws IOException {
    RegistryFixture.Image image = registry.pushImage("app", "v1", 11, 1);

    assertThat(registry.get("/v2/app/blobs/" + image.manifest()).body()).isEqualTo(image.bytes());
  }
}
