package io.wharf.registry.server.conformance;

import static io.wharf.registry.server.conformance.SuiteData.DUMMY_DIGEST;
import static io.wharf.registry.server.conformance.SuiteData.ERROR_CODES;
import static io.wharf.registry.server.conformance.SuiteData.INVALID_MANIFEST_CONTENT;
import static io.wharf.registry.server.conformance.SuiteData.NONEXISTENT_MANIFEST;
import static io.wharf.registry.server.conformance.SuiteData.OCI_MANIFEST;
import static io.wharf.registry.server.conformance.SuiteData.TEST_TAG_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.server.conformance.ConformanceRegistry.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite's Pull workflow ({@code conformance/01_pull_test.go} at
 * opencontainers/distribution-spec 47008ca930b575b3f1cd422414c00d3b0752a7cb, the v1.1 suite), one
 * test per {@code g.Specify}, in the suite's order (see {@link ConformanceWorkflow}); each display
 * name is the suite's context and spec name. Ported: 23 of 24 specs. Not ported: "Get tag name
 * from environment"
 * (runs only when the suite is pointed at pre-existing content through {@code OCI_TAG_NAME} and
 * friends; here the setup always pushes), and the teardown order of {@code
 * OCI_DELETE_MANIFEST_BEFORE_BLOBS=false} (the same deletes, manifests last).
 */
class ConformancePullTest extends ConformanceWorkflow {
  private String tag;

  @Test
  @Order(1)
  @DisplayName("Pull / Setup / Populate registry with test blob (configs[0])")
  void populateConfig0() {
    registry.populateBlob(data.configs.get(0)).expectSuccess();
  }

  @Test
  @Order(2)
  @DisplayName("Pull / Setup / Populate registry with test blob (configs[1])")
  void populateConfig1() {
    registry.populateBlob(data.configs.get(1)).expectSuccess();
  }

  @Test
  @Order(3)
  @DisplayName("Pull / Setup / Populate registry with test layer")
  void populateLayer() {
    registry.populateBlob(data.layer).expectSuccess();
  }

  @Test
  @Order(4)
  @DisplayName("Pull / Setup / Populate registry with test manifest (manifests[0] by tag)")
  void populateManifest0() {
    tag = TEST_TAG_NAME;
    registry.putManifest(tag, OCI_MANIFEST, data.manifests.get(0)).expectSuccess();
  }

  @Test
  @Order(5)
  @DisplayName("Pull / Setup / Populate registry with test manifest (manifests[1] by digest)")
  void populateManifest1() {
    registry.putManifest(data.manifests.get(1).digest(), OCI_MANIFEST, data.manifests.get(1)).expectSuccess();
  }

  @Test
  @Order(10)
  @DisplayName("Pull / Pull blobs / HEAD request to nonexistent blob should result in 404 response")
  void headNonexistentBlob() {
    registry.request("HEAD", "/v2/<name>/blobs/<digest>").digest(DUMMY_DIGEST).send().expect(404);
  }

  @Test
  @Order(11)
  @DisplayName("Pull / Pull blobs / HEAD request to existing blob should yield 200")
  void headExistingBlob() {
    Response r = registry.request("HEAD", "/v2/<name>/blobs/<digest>").digest(data.configs.get(0).digest()).send().expect(200);
    expectDigestHeaderIfPresent(r, data.configs.get(0).digest());
  }

  @Test
  @Order(12)
  @DisplayName("Pull / Pull blobs / GET nonexistent blob should result in 404 response")
  void getNonexistentBlob() {
    registry.request("GET", "/v2/<name>/blobs/<digest>").digest(DUMMY_DIGEST).send().expect(404);
  }

  @Test
  @Order(13)
  @DisplayName("Pull / Pull blobs / GET request to existing blob URL should yield 200")
  void getExistingBlob() {
    registry.request("GET", "/v2/<name>/blobs/<digest>").digest(data.configs.get(0).digest()).send().expect(200);
  }

  @Test
  @Order(20)
  @DisplayName("Pull / Pull manifests / HEAD request to nonexistent manifest should return 404")
  void headNonexistentManifest() {
    registry.request("HEAD", "/v2/<name>/manifests/<reference>").reference(NONEXISTENT_MANIFEST).send().expect(404);
  }

  @Test
  @Order(21)
  @DisplayName("Pull / Pull manifests / HEAD request to manifest[0] path (digest) should yield 200 response")
  void headManifest0ByDigest() {
    expectDigestHeaderIfPresent(manifestByDigest("HEAD", 0).expect(200), data.manifests.get(0).digest());
  }

  @Test
  @Order(22)
  @DisplayName("Pull / Pull manifests / HEAD request to manifest[1] path (digest) should yield 200 response")
  void headManifest1ByDigest() {
    expectDigestHeaderIfPresent(manifestByDigest("HEAD", 1).expect(200), data.manifests.get(1).digest());
  }

  @Test
  @Order(23)
  @DisplayName("Pull / Pull manifests / HEAD request to manifest path (tag) should yield 200 response")
  void headManifestByTag() {
    assertThat(tag).isNotEmpty();
    Response r = registry.request("HEAD", "/v2/<name>/manifests/<reference>").reference(tag)
        .header("Accept", OCI_MANIFEST).send().expect(200);
    expectDigestHeaderIfPresent(r, data.manifests.get(0).digest());
  }

  @Test
  @Order(24)
  @DisplayName("Pull / Pull manifests / GET nonexistent manifest should return 404")
  void getNonexistentManifest() {
    registry.request("GET", "/v2/<name>/manifests/<reference>").reference(NONEXISTENT_MANIFEST).send().expect(404);
  }

  @Test
  @Order(25)
  @DisplayName("Pull / Pull manifests / GET request to manifest[0] path (digest) should yield 200 response")
  void getManifest0ByDigest() {
    manifestByDigest("GET", 0).expect(200);
  }

  @Test
  @Order(26)
  @DisplayName("Pull / Pull manifests / GET request to manifest[1] path (digest) should yield 200 response")
  void getManifest1ByDigest() {
    manifestByDigest("GET", 1).expect(200);
  }

  @Test
  @Order(27)
  @DisplayName("Pull / Pull manifests / GET request to manifest path (tag) should yield 200 response")
  void getManifestByTag() {
    assertThat(tag).isNotEmpty();
    registry.request("GET", "/v2/<name>/manifests/<reference>").reference(tag)
        .header("Accept", OCI_MANIFEST).send().expect(200);
  }

  @Test
  @Order(30)
  @DisplayName("Pull / Error codes / 400 response body should contain OCI-conforming JSON message")
  void errorBodyIsOciJson() {
    Response r = registry.request("GET", "/v2/<name>/manifests/<reference>").reference("sha256:totallywrong")
        .header("Content-Type", OCI_MANIFEST)
        .body(INVALID_MANIFEST_CONTENT)
        .send()
        .expectAnyOf(400, 404);
    if (r.status() == 400) {
      assertThat(r.errorCodes()).as(r::toString).isNotEmpty();
      assertThat(ERROR_CODES).contains(r.errorCodes().getFirst());
    }
  }

  @Test
  @Order(40)
  @DisplayName("Pull / Teardown / Delete manifest[0] created in setup")
  void deleteManifest0() {
    deleteManifest(0).expectSuccessOr(405);
  }

  @Test
  @Order(41)
  @DisplayName("Pull / Teardown / Delete manifest[1] created in setup")
  void deleteManifest1() {
    deleteManifest(1).expectSuccessOr(405);
  }

  @Test
  @Order(42)
  @DisplayName("Pull / Teardown / Delete config[0] blob created in setup")
  void deleteConfig0() {
    deleteBlob(data.configs.get(0).digest()).expectSuccessOr(404, 405);
  }

  @Test
  @Order(43)
  @DisplayName("Pull / Teardown / Delete config[1] blob created in setup")
  void deleteConfig1() {
    deleteBlob(data.configs.get(1).digest()).expectSuccessOr(404, 405);
  }

  @Test
  @Order(44)
  @DisplayName("Pull / Teardown / Delete layer blob created in setup")
  void deleteLayer() {
    deleteBlob(data.layer.digest()).expectSuccessOr(404, 405);
  }

  private Response manifestByDigest(String method, int i) {
    return registry.request(method, "/v2/<name>/manifests/<digest>").digest(data.manifests.get(i).digest())
        .header("Accept", OCI_MANIFEST).send();
  }

  private Response deleteManifest(int i) {
    return registry.request("DELETE", "/v2/<name>/manifests/<digest>").digest(data.manifests.get(i).digest()).send();
  }

  private Response deleteBlob(String digest) {
    return registry.request("DELETE", "/v2/<name>/blobs/<digest>").digest(digest).send();
  }

  /** The suite checks Docker-Content-Digest only when the registry sends it. */
  private static void expectDigestHeaderIfPresent(Response r, String digest) {
    if (!r.header("Docker-Content-Digest").isEmpty()) {
      assertThat(r.header("Docker-Content-Digest")).isEqualTo(digest);
    }
  }
}
