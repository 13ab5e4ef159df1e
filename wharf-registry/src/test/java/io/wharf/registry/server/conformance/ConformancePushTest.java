package io.wharf.registry.server.conformance;

import static io.wharf.registry.server.conformance.SuiteData.DUMMY_DIGEST;
import static io.wharf.registry.server.conformance.SuiteData.EMPTY_LAYER_TEST_TAG;
import static io.wharf.registry.server.conformance.SuiteData.NONEXISTENT_MANIFEST;
import static io.wharf.registry.server.conformance.SuiteData.OCI_INDEX;
import static io.wharf.registry.server.conformance.SuiteData.OCI_MANIFEST;
import static io.wharf.registry.server.conformance.SuiteData.TEST_TAG_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.registry.server.conformance.ConformanceRegistry.Response;
import io.wharf.registry.server.conformance.SuiteData.ChunkedBlob;
import io.wharf.registry.server.conformance.SuiteData.TestBlob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite's Push workflow ({@code conformance/02_push_test.go} at
 * opencontainers/distribution-spec 11b8e3fba7d2d7329513d0cff53058243c334858, the v1.1 suite), one
 * test per {@code g.Specify}, in the suite's order (see {@link ConformanceWorkflow}); specs pass
 * state along ({@code lastResponse}, {@code prevResponse}) as the suite's do. Ported: all 29 specs,
 * plus three checks of a later stored revision of the file (the one whose specs carry
 * "[OCI-Image v1.1]"): the {@code Range} after the second chunk, and the image index and nested
 * image index uploads. That revision's artifact specs are not ported: the manifests they push are
 * defined in a {@code setup.go} revision that is not available.
 *
 * <p>Run as the suite runs with {@code OCI_AUTOMATIC_CROSSMOUNT=true}: Wharf mounts a blob
 * without {@code from} when any repository holds it, so "automatic content discovery enabled"
 * runs and its "disabled" twin is skipped, as the suite skips it. One check is stricter than the
 * suite's: a manifest with no layers must be accepted (the suite only warns when it is not),
 * since Wharf claims to accept it. Not ported: the teardown order of {@code
 * OCI_DELETE_MANIFEST_BEFORE_BLOBS=false}.
 */
class ConformancePushTest extends ConformanceWorkflow {
  /** {@code OCI_AUTOMATIC_CROSSMOUNT}: Wharf's registry discovers content for a mount without {@code from}. */
  private static final boolean AUTOMATIC_CROSSMOUNT = true;

  private Response lastResponse;
  private Response prevResponse;
  private ChunkedBlob chunked;
  private String emptyLayerManifestRef = "";
  private TestBlob imageIndex;

  @BeforeAll
  void setupChunkedBlob() {
    chunked = data.chunked;
  }

  @Test
  @Order(1)
  @DisplayName("Push / Blob Upload Streamed / PATCH request with blob in body should yield 202 response")
  void streamedPatch() {
    Response session = registry.request("POST", "/v2/<name>/blobs/uploads/").send();
    assertThat(session.header("Location")).as(session::toString).isNotEmpty();
    lastResponse = registry.request("PATCH", session.relativeLocation())
        .header("Content-Type", "application/octet-stream")
        .body(data.blobA.content())
        .send()
        .expect(202);
  }

  @Test
  @Order(2)
  @DisplayName("Push / Blob Upload Streamed / PUT request to session URL with digest should yield 201 response")
  void streamedPut() {
    assertThat(lastResponse).isNotNull();
    Response r = registry.request("PUT", lastResponse.relativeLocation())
        .query("digest", data.blobA.digest())
        .header("Content-Type", "application/octet-stream")
        .header("Content-Length", data.blobA.length())
        .send()
        .expect(201);
    assertThat(r.header("Location")).isNotEmpty();
  }

  @Test
  @Order(10)
  @DisplayName("Push / Blob Upload Monolithic / GET nonexistent blob should result in 404 response")
  void monolithicGetNonexistentBlob() {
    registry.request("GET", "/v2/<name>/blobs/<digest>").digest(DUMMY_DIGEST).send().expect(404);
  }

  @Test
  @Order(11)
  @DisplayName("Push / Blob Upload Monolithic / POST request with digest and blob should yield a 201 or 202")
  void monolithicPost() {
    TestBlob config = data.configs.get(1);
    Response r = registry.request("POST", "/v2/<name>/blobs/uploads/")
        .header("Content-Length", config.length())
        .header("Content-Type", "application/octet-stream")
        .query("digest", config.digest())
        .body(config.content())
        .send();
    assertThat(r.header("Location")).as(r::toString).isNotEmpty();
    r.expectAnyOf(201, 202);
    lastResponse = r;
  }

  @Test
  @Order(12)
  @DisplayName("Push / Blob Upload Monolithic / GET request to blob URL from prior request should yield 200 or 404 based on response code")
  void monolithicGetAfterPost() {
    assertThat(lastResponse).isNotNull();
    Response r = registry.request("GET", "/v2/<name>/blobs/<digest>").digest(data.configs.get(1).digest()).send();
    r.expect(lastResponse.status() == 202 ? 404 : 200);
  }

  @Test
  @Order(13)
  @DisplayName("Push / Blob Upload Monolithic / POST request should yield a session ID")
  void monolithicPostSession() {
    lastResponse = registry.request("POST", "/v2/<name>/blobs/uploads/").send().expect(202);
  }

  @Test
  @Order(14)
  @DisplayName("Push / Blob Upload Monolithic / PUT upload of a blob should yield a 201 Response")
  void monolithicPut() {
    TestBlob config = data.configs.get(1);
    Response r = registry.request("PUT", lastResponse.relativeLocation())
        .header("Content-Length", config.length())
        .header("Content-Type", "application/octet-stream")
        .query("digest", config.digest())
        .body(config.content())
        .send();
    assertThat(r.header("Location")).as(r::toString).isNotEmpty();
    r.expect(201);
  }

  @Test
  @Order(15)
  @DisplayName("Push / Blob Upload Monolithic / GET request to existing blob should yield 200 response")
  void monolithicGetBlob() {
    registry.request("GET", "/v2/<name>/blobs/<digest>").digest(data.configs.get(1).digest()).send().expect(200);
  }

  @Test
  @Order(16)
  @DisplayName("Push / Blob Upload Monolithic / PUT upload of a layer blob should yield a 201 Response")
  void monolithicPutLayer() {
    Response session = registry.request("POST", "/v2/<name>/blobs/uploads/").send();
    Response r = registry.request("PUT", session.relativeLocation())
        .header("Content-Length", data.layer.length())
        .header("Content-Type", "application/octet-stream")
        .query("digest", data.layer.digest())
        .body(data.layer.content())
        .send();
    assertThat(r.header("Location")).as(r::toString).isNotEmpty();
    r.expect(201);
  }

  @Test
  @Order(17)
  @DisplayName("Push / Blob Upload Monolithic / GET request to existing layer should yield 200 response")
  void monolithicGetLayer() {
    registry.request("GET", "/v2/<name>/blobs/<digest>").digest(data.layer.digest()).send().expect(200);
  }

  @Test
  @Order(20)
  @DisplayName("Push / Blob Upload Chunked / Out-of-order blob upload should return 416")
  void chunkedOutOfOrder() {
    Response session = registry.request("POST", "/v2/<name>/blobs/uploads/").header("Content-Length", "0").send();
    assertThat(session.header("Location")).as(session::toString).isNotEmpty();
    String minSize = session.header("OCI-Chunk-Min-Length");
    if (!minSize.isEmpty() && Integer.parseInt(minSize) > chunked.chunk1().length) {
      chunked = data.chunkedBlob(Integer.parseInt(minSize) * 2 - 2);
    }
    registry.request("PATCH", session.relativeLocation())
        .header("Content-Type", "application/octet-stream")
        .header("Content-Length", Integer.toString(chunked.chunk2().length))
        .header("Content-Range", chunked.chunk2Range())
        .body(chunked.chunk2())
        .send()
        .expect(416);
  }

  @Test
  @Order(21)
  @DisplayName("Push / Blob Upload Chunked / PATCH request with first chunk should return 202")
  void chunkedFirstChunk() {
    Response session = registry.request("POST", "/v2/<name>/blobs/uploads/").header("Content-Length", "0").send();
    assertThat(session.header("Location")).as(session::toString).isNotEmpty();
    prevResponse = session;
    Response r = registry.request("PATCH", session.relativeLocation())
        .header("Content-Type", "application/octet-stream")
        .header("Content-Length", Integer.toString(chunked.chunk1().length))
        .header("Content-Range", chunked.chunk1Range())
        .body(chunked.chunk1())
        .send()
        .expect(202);
    assertThat(r.header("Range")).isEqualTo(chunked.chunk1Range());
    lastResponse = r;
  }

  @Test
  @Order(22)
  @DisplayName("Push / Blob Upload Chunked / Retry previous blob chunk should return 416")
  void chunkedRetry() {
    registry.request("PATCH", prevResponse.relativeLocation())
        .header("Content-Type", "application/octet-stream")
        .header("Content-Length", Integer.toString(chunked.chunk1().length))
        .header("Content-Range", chunked.chunk1Range())
        .body(chunked.chunk1())
        .send()
        .expect(416);
  }

  @Test
  @Order(23)
  @DisplayName("Push / Blob Upload Chunked / Get on stale blob upload should return 204 with a range and location")
  void chunkedStatus() {
    Response r = registry.request("GET", prevResponse.relativeLocation()).send().expect(204);
    assertThat(r.header("Location")).isNotEmpty();
    assertThat(r.header("Range")).isEqualTo(chunked.chunk1Range());
    lastResponse = r;
  }

  @Test
  @Order(24)
  @DisplayName("Push / Blob Upload Chunked / PATCH request with second chunk should return 202")
  void chunkedSecondChunk() {
    Response r = registry.request("PATCH", lastResponse.relativeLocation())
        .header("Content-Length", Integer.toString(chunked.chunk2().length))
        .header("Content-Range", chunked.chunk2Range())
        .header("Content-Type", "application/octet-stream")
        .body(chunked.chunk2())
        .send()
        .expect(202);
    // the later revision of the spec also checks the Range of the whole blob
    assertThat(r.header("Range")).isEqualTo("0-" + (chunked.blob().content().length - 1));
    assertThat(r.header("Location")).isNotEmpty();
    lastResponse = r;
  }

  @Test
  @Order(25)
  @DisplayName("Push / Blob Upload Chunked / PUT request with digest should return 201")
  void chunkedPut() {
    Response r = registry.request("PUT", lastResponse.relativeLocation())
        .header("Content-Length", "0")
        .header("Content-Type", "application/octet-stream")
        .query("digest", chunked.blob().digest())
        .send()
        .expect(201);
    assertThat(r.header("Location")).isNotEmpty();
  }

  @Test
  @Order(30)
  @DisplayName("Push / Cross-Repository Blob Mount / Cross-mounting of a blob without the from argument should yield session id")
  void mountWithoutFromOfUnknownBlob() {
    Response r = registry.request("POST", "/v2/<name>/blobs/uploads/").name(registry.crossmountNamespace)
        .query("mount", DUMMY_DIGEST)
        .send()
        .expect(202);
    assertThat(r.absoluteLocation()).isNotEmpty();
  }

  @Test
  @Order(31)
  @DisplayName("Push / Cross-Repository Blob Mount / POST request to mount another repository's blob should return 201 or 202")
  void mountFrom() {
    lastResponse = registry.request("POST", "/v2/<name>/blobs/uploads/").name(registry.crossmountNamespace)
        .query("mount", data.blobA.digest())
        .query("from", ConformanceRegistry.NAMESPACE)
        .send()
        .expectAnyOf(201, 202);
  }

  @Test
  @Order(32)
  @DisplayName("Push / Cross-Repository Blob Mount / GET request to test digest within cross-mount namespace should return 200")
  void getMounted() {
    assumeTrue(lastResponse.status() == 201, "you have skipped this test.");
    assertThat(lastResponse.relativeLocation())
        .isEqualTo("/v2/" + registry.crossmountNamespace + "/blobs/" + data.blobA.digest());
    registry.request("GET", lastResponse.relativeLocation()).send().expect(200);
  }

  @Test
  @Order(33)
  @DisplayName("Push / Cross-Repository Blob Mount / Cross-mounting of nonexistent blob should yield session id")
  void mountFallsBackToSession() {
    assumeTrue(lastResponse.status() == 202, "you have skipped this test.");
    assertThat(lastResponse.relativeLocation()).startsWith("/v2/" + registry.crossmountNamespace + "/blobs/uploads/");
  }

  @Test
  @Order(34)
  @DisplayName("Push / Cross-Repository Blob Mount / Cross-mounting without from, and automatic content discovery enabled should return a 201")
  void automaticMountEnabled() {
    assumeTrue(lastResponse.status() == 201, "you have skipped this test.");
    assumeTrue(AUTOMATIC_CROSSMOUNT, "you have skipped this test.");
    registry.request("POST", "/v2/<name>/blobs/uploads/").name(registry.crossmountNamespace)
        .query("mount", data.blobA.digest())
        .send()
        .expect(201);
  }

  @Test
  @Order(35)
  @DisplayName("Push / Cross-Repository Blob Mount / Cross-mounting without from, and automatic content discovery disabled should return a 202")
  void automaticMountDisabled() {
    assumeTrue(lastResponse.status() == 201, "you have skipped this test.");
    assumeFalse(AUTOMATIC_CROSSMOUNT, "you have skipped this test.");
    registry.request("POST", "/v2/<name>/blobs/uploads/").name(registry.crossmountNamespace)
        .query("mount", data.blobA.digest())
        .send()
        .expect(202);
  }

  @Test
  @Order(40)
  @DisplayName("Push / Manifest Upload / GET nonexistent manifest should return 404")
  void getNonexistentManifest() {
    registry.request("GET", "/v2/<name>/manifests/<reference>").reference(NONEXISTENT_MANIFEST).send().expect(404);
  }

  @Test
  @Order(41)
  @DisplayName("Push / Manifest Upload / PUT should accept a manifest upload")
  void putManifest() {
    for (int i = 0; i < 4; i++) {
      Response r = registry.putManifest("test" + i, OCI_MANIFEST, data.manifests.get(1));
      assertThat(r.header("Location")).as(r::toString).isNotEmpty();
      r.expect(201);
    }
  }

  @Test
  @Order(42)
  @DisplayName("Push / Manifest Upload / Registry should accept a manifest upload with no layers")
  void putManifestWithoutLayers() {
    Response r = registry.putManifest(EMPTY_LAYER_TEST_TAG, OCI_MANIFEST, data.emptyLayerManifest).expect(201);
    emptyLayerManifestRef = r.header("Location");
    assertThat(emptyLayerManifestRef).isNotEmpty();
  }

  @Test
  @Order(43)
  @DisplayName("Push / Manifest Upload / GET request to manifest URL (digest) should yield 200 response")
  void getManifestByDigest() {
    registry.request("GET", "/v2/<name>/manifests/<digest>").digest(data.manifests.get(1).digest())
        .header("Accept", OCI_MANIFEST).send().expect(200);
  }

  @Test
  @Order(44)
  @DisplayName("Push / Manifest Upload / Registry should accept a manifest upload with image index")
  void putImageIndex() {
    registry.populateBlob(data.configs.get(0)).expectSuccess();
    registry.putManifest(TEST_TAG_NAME, OCI_MANIFEST, data.manifests.get(0)).expectSuccess();
    imageIndex = SuiteData.artifactIndex(OCI_MANIFEST, data.manifests.get(0));
    registry.putManifest(imageIndex.digest(), OCI_INDEX, imageIndex).expectSuccess();
  }

  @Test
  @Order(45)
  @DisplayName("Push / Manifest Upload / Registry should accept a manifest upload with nested image index [OCI-Image v1.1]")
  void putNestedImageIndex() {
    assertThat(imageIndex).as("the image index spec ran").isNotNull();
    TestBlob nested = SuiteData.artifactIndex(OCI_INDEX, imageIndex);
    registry.putManifest(nested.digest(), OCI_INDEX, nested).expectSuccess();
  }

  @Test
  @Order(50)
  @DisplayName("Push / Teardown / Delete manifest created in tests")
  void deleteManifests() {
    registry.request("DELETE", "/v2/<name>/manifests/<digest>").digest(data.manifests.get(1).digest()).send()
        .expectSuccessOr(405);
    if (!emptyLayerManifestRef.isEmpty()) {
      registry.request("DELETE", "/v2/<name>/manifests/<reference>").reference(data.emptyLayerManifest.digest()).send()
          .expectSuccessOr(405);
    }
  }

  @Test
  @Order(51)
  @DisplayName("Push / Teardown / Delete config blob created in tests")
  void deleteConfig() {
    registry.request("DELETE", "/v2/<name>/blobs/<digest>").digest(data.configs.get(1).digest()).send()
        .expectSuccessOr(404, 405);
  }

  @Test
  @Order(52)
  @DisplayName("Push / Teardown / Delete layer blob created in setup")
  void deleteLayer() {
    registry.request("DELETE", "/v2/<name>/blobs/<digest>").digest(data.layer.digest()).send()
        .expectSuccessOr(404, 405);
  }
}
