package io.wharf.registry.server;

import static io.wharf.registry.server.RegistryFixture.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {
  @TempDir Path root;
  RegistryFixture.Image kept;
  Digest orphan;
  List<Digest> unreferenced = new ArrayList<>();

  @BeforeEach
  void pushThenDelete() throws IOException {
    try (RegistryFixture registry = RegistryFixture.start(root)) {
      kept = registry.pushImage("app", "v1", 1, 2);
      registry.pushManifest("app", kept.manifest().toString(), "application/vnd.oci.image.manifest.v1+json", kept.bytes());
      orphan = registry.pushBlob("app", random(99, 10));
      RegistryFixture.Image old = registry.pushImage("old", "v1", 2, 1);
      registry.send("DELETE", "/v2/old/manifests/" + old.manifest(), null);
      unreferenced.addAll(List.of(orphan, old.manifest(), old.config(), old.layers().getFirst()));
    }
  }

  @Test
  void gcDeletesBlobsNoManifestReferencesAndReportsThem() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = RegistryMain.run(new String[] {"registry", "gc", "--root", root.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    assertThat(code).isZero();
    String report = out.toString(StandardCharsets.UTF_8);
    for (Digest d : unreferenced) {
      assertThat(report).contains("deleted " + d);
      assertThat(root.resolve("blobs/sha256/" + d.hex())).doesNotExist();
    }
    assertThat(report).contains("freed 4 blobs, ");
    assertThat(root.resolve("repositories/app/_layers/sha256/" + orphan.hex())).doesNotExist();
    try (RegistryFixture registry = RegistryFixture.start(root)) {
      assertThat(registry.get("/v2/app/manifests/v1").body()).isEqualTo(kept.bytes());
      for (Digest layer : kept.layers()) {
        assertThat(registry.get("/v2/app/blobs/" + layer).statusCode()).isEqualTo(200);
      }
      assertThat(registry.get("/v2/app/blobs/" + kept.config()).statusCode()).isEqualTo(200);
      assertThat(registry.get("/v2/app/blobs/" + orphan).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void dryRunOnlyReports() throws IOException {
    GarbageCollector.Report report = new GarbageCollector(root).collect(true);

    assertThat(report.deleted()).containsExactlyInAnyOrderElementsOf(unreferenced);
    assertThat(report.bytes()).isPositive();
    for (Digest d : unreferenced) {
      assertThat(root.resolve("blobs/sha256/" + d.hex())).exists();
    }
  }
}
