package io.wharf.registry.server;

import static io.wharf.registry.server.RegistryFixture.errorCode;
import static io.wharf.registry.server.RegistryFixture.json;
import static io.wharf.registry.server.RegistryFixture.random;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Digest;
import io.wharf.oci.image.MediaTypes;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {
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
  void tagsAreListedInLexicalOrderAndPaginated() throws IOException {
    RegistryFixture.Image image = registry.pushImage("app", "v1", 1, 1);
    for (String tag : List.of("v3", "latest", "v2")) {
      registry.pushManifest("app", tag, MediaTypes.OCI_MANIFEST, image.bytes());
    }

    HttpResponse<byte[]> all = registry.get("/v2/app/tags/list");
    HttpResponse<byte[]> first = registry.get("/v2/app/tags/list?n=2");
    String next = first.headers().firstValue("Link").orElseThrow();
    HttpResponse<byte[]> second = registry.get(next.substring(1, next.indexOf('>')));

    assertThat(json(all).path("name").asText()).isEqualTo("app");
    assertThat(texts(json(all).path("tags"))).containsExactly("latest", "v1", "v2", "v3");
    assertThat(texts(json(first).path("tags"))).containsExactly("latest", "v1");
    assertThat(next).isEqualTo("</v2/app/tags/list?n=2&last=v1>; rel=\"next\"");
    assertThat(texts(json(second).path("tags"))).containsExactly("v2", "v3");
    assertThat(second.headers().firstValue("Link")).isEmpty();
    assertThat(texts(json(registry.get("/v2/app/tags/list?last=v2")).path("tags"))).containsExactly("v3");
    assertThat(texts(json(registry.get("/v2/app/tags/list?n=0")).path("tags"))).isEmpty();
    assertThat(errorCode(registry.get("/v2/app/tags/list?n=-1"))).isEqualTo("PAGINATION_NUMBER_INVALID");
  }

  @Test
  void tagsOfAnUnknownRepositoryAreNameUnknown() throws IOException {
    HttpResponse<byte[]> r = registry.get("/v2/nobody/tags/list");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(errorCode(r)).isEqualTo("NAME_UNKNOWN");
  }

  @Test
  void catalogListsRepositoriesWithPagination() throws IOException {
    for (String name : List.of("zeta", "alpha", "library/busybox", "alpha/nested")) {
      registry.pushBlob(name, random(name.hashCode(), 10));
    }

    HttpResponse<byte[]> all = registry.get("/v2/_catalog");
    HttpResponse<byte[]> page = registry.get("/v2/_catalog?n=2");
    HttpResponse<byte[]> rest = registry.get("/v2/_catalog?n=2&last=alpha/nested");

    assertThat(texts(json(all).path("repositories"))).containsExactly("alpha", "alpha/nested", "library/busybox", "zeta");
    assertThat(texts(json(page).path("repositories"))).containsExactly("alpha", "alpha/nested");
    assertThat(page.headers().firstValue("Link")).hasValue("</v2/_catalog?n=2&last=alpha%2Fnested>; rel=\"next\"");
    assertThat(texts(json(rest).path("repositories"))).containsExactly("library/busybox", "zeta");
  }

  @Test
  void referrersListManifestsWhoseSubjectIsTheDigest() throws IOException {
    RegistryFixture.Image image = registry.pushImage("app", "v1", 2, 1);
    byte[] empty = "{}".getBytes();
    registry.pushBlob("app", empty);
    Digest sbom = pushArtifact(image.manifest(), "application/spdx+json", random(3, 20));
    Digest signature = pushArtifact(image.manifest(), "application/vnd.dev.cosign", random(4, 20));
    pushArtifact(Digest.of(random(5, 5)), "application/spdx+json", random(6, 20));

    HttpResponse<byte[]> r = registry.get("/v2/app/referrers/" + image.manifest());
    HttpResponse<byte[]> filtered = registry.get("/v2/app/referrers/" + image.manifest() + "?artifactType=application/spdx%2Bjson");
    HttpResponse<byte[]> none = registry.get("/v2/app/referrers/" + Digest.of(random(7, 5)));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_INDEX);
    assertThat(json(r).path("manifests").findValuesAsText("digest"))
        .containsExactlyInAnyOrder(sbom.toString(), signature.toString());
    JsonNode only = json(filtered).path("manifests");
    assertThat(only).hasSize(1);
    assertThat(only.path(0).path("digest").asText()).isEqualTo(sbom.toString());
    assertThat(only.path(0).path("artifactType").asText()).isEqualTo("application/spdx+json");
    assertThat(only.path(0).path("annotations").path("org.example.seed").asText()).isEqualTo("application/spdx+json");
    assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
    assertThat(json(none).path("manifests")).isEmpty();

    registry.send("DELETE", "/v2/app/manifests/" + sbom, null);
    assertThat(json(registry.get("/v2/app/referrers/" + image.manifest())).path("manifests")).hasSize(1);
  }

  private Digest pushArtifact(Digest subject, String artifactType, byte[] layer) throws IOException {
    registry.pushBlob("app", layer);
    byte[] manifest = RegistryFixture.manifest(MediaTypes.OCI_MANIFEST, "{}".getBytes(), List.of(layer), subject, artifactType);
    HttpResponse<byte[]> r = registry.send("PUT", "/v2/app/manifests/" + Digest.of(manifest), manifest,
        "Content-Type", MediaTypes.OCI_MANIFEST);
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("OCI-Subject")).hasValue(subject.toString());
    return Digest.of(manifest);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
