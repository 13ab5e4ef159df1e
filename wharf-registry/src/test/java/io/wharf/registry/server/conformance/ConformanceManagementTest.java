package io.wharf.registry.server.conformance;

import static io.wharf.registry.server.conformance.SuiteData.OCI_MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.registry.server.conformance.ConformanceRegistry.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite's Content Management workflow ({@code conformance/04_management_test.go}
 * at opencontainers/distribution-spec 3c7a4ac8186fe1307bac6857bfdb48fc190ed57f, the v1.1 suite):
 * delete a tag, then the manifest by digest, then its blobs, and see each gone; one test per
 * {@code g.Specify}, in the suite's order (see {@link ConformanceWorkflow}). Ported: all 10 specs.
 */
class ConformanceManagementTest extends ConformanceWorkflow {
  private static final String DEFAULT_TAG_NAME = "tagtest0";

  private String tagToDelete;
  private int numTags;
  private boolean blobDeleteAllowed = true;

  @Test
  @Order(1)
  @DisplayName("Content Management / Setup / Populate registry with test config blob")
  void populateConfig() {
    registry.populateBlob(data.configs.get(3)).expectSuccess();
  }

  @Test
  @Order(2)
  @DisplayName("Content Management / Setup / Populate registry with test layer")
  void populateLayer() {
    registry.populateBlob(data.layer).expectSuccess();
  }

  @Test
  @Order(3)
  @DisplayName("Content Management / Setup / Populate registry with test tag")
  void populateTag() {
    tagToDelete = DEFAULT_TAG_NAME;
    registry.putManifest(tagToDelete, OCI_MANIFEST, data.manifests.get(3)).expectSuccess();
  }

  @Test
  @Order(4)
  @DisplayName("Content Management / Setup / Check how many tags there are before anything gets deleted")
  void countTags() {
    Response r = registry.request("GET", "/v2/<name>/tags/list").send().expect(200);
    assertThat(r.json().isObject()).as(r::toString).isTrue();
    numTags = r.tagList().size();
  }

  @Test
  @Order(10)
  @DisplayName("Content Management / Manifest delete / DELETE request to manifest tag should return 202, unless tag deletion is disallowed (400/405)")
  void deleteTag() {
    Response r = registry.request("DELETE", "/v2/<name>/manifests/<reference>").reference(tagToDelete).send()
        .expectAnyOf(400, 202, 405);
    if (r.status() == 400) {
      assertThat(r.errorCodes()).isNotEmpty();
      assertThat(r.errorCodes().getFirst()).isEqualTo("UNSUPPORTED");
    }
  }

  @Test
  @Order(11)
  @DisplayName("Content Management / Manifest delete / DELETE request to manifest (digest) should yield 202 response unless already deleted")
  void deleteManifestByDigest() {
    registry.request("DELETE", "/v2/<name>/manifests/<digest>").digest(data.manifests.get(3).digest()).send()
        .expectAnyOf(202, 404);
  }

  @Test
  @Order(12)
  @DisplayName("Content Management / Manifest delete / GET request to deleted manifest URL should yield 404 response, unless delete is disallowed")
  void getDeletedManifest() {
    registry.request("GET", "/v2/<name>/manifests/<digest>").digest(data.manifests.get(3).digest()).send()
        .expectAnyOf(404, 200);
  }

  @Test
  @Order(13)
  @DisplayName("Content Management / Manifest delete / GET request to tags list should reflect manifest deletion")
  void tagsListReflectsDeletion() {
    Response r = registry.request("GET", "/v2/<name>/tags/list").send().expect(200);
    assertThat(r.json().isObject()).as(r::toString).isTrue();
    assertThat(r.tagList().size()).as(r::toString).isLessThan(numTags);
  }

  @Test
  @Order(20)
  @DisplayName("Content Management / Blob delete / DELETE request to blob URL should yield 202 response")
  void deleteBlobs() {
    registry.request("DELETE", "/v2/<name>/blobs/<digest>").digest(data.configs.get(3).digest()).send()
        .expectAnyOf(202, 404, 405);
    Response layer = registry.request("DELETE", "/v2/<name>/blobs/<digest>").digest(data.layer.digest()).send()
        .expectAnyOf(202, 404, 405);
    if (layer.status() == 405) {
      blobDeleteAllowed = false;
    }
  }

  @Test
  @Order(21)
  @DisplayName("Content Management / Blob delete / GET request to deleted blob URL should yield 404 response")
  void getDeletedBlob() {
    assumeTrue(blobDeleteAllowed, "you have skipped this test.");
    registry.request("GET", "/v2/<name>/blobs/<digest>").digest(data.configs.get(3).digest()).send().expect(404);
  }
}
