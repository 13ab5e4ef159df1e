package io.wharf.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.engine.archive.TarBuilder;
import io.wharf.engine.wiring.Engine;
import io.wharf.engine.wiring.EngineConfig;
import io.wharf.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive formats images arrive in: Docker's (old and new), OCI layouts, compressed tars. */
class ArchiveFormatsTest {
  @TempDir java.nio.file.Path temp;
  Engine engine;
  ImageService images;

  @BeforeEach
  void open() {
    engine = Engine.open(new EngineConfig(temp.resolve("data"), temp.resolve("exec")));
    images = engine.images();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private Image importTar(String reference, String content) throws Exception {
    byte[] tar = new TarBuilder().file("f", content).build();
    return images.importImage(new ByteArrayInputStream(tar), new ImportRequest(reference, List.of(), null, null));
  }

  /** The archive without the entries whose name {@code drop} lists. */
  private static byte[] without(byte[] archive, String drop) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (!entry.getName().equals(drop)) {
          tar.putArchiveEntry(entry);
          in.transferTo(tar);
          tar.closeArchiveEntry();
        }
      }
    }
    return out.toByteArray();
  }

  @Test
  void ociLayoutAloneLoadsWithItsNames() throws Exception {
    Image image = importTar("oci/only:1", "x");
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    images.save(List.of("oci/only:1"), saved);
    images.remove("oci/only:1", false, false);
    List<String> lines = new ArrayList<>();
    images.load(new ByteArrayInputStream(without(saved.toByteArray(), "manifest.json")), lines::add);
    assertThat(lines).containsExactly("Loaded image: oci/only:1");
    assertThat(images.get("oci/only:1").id()).isEqualTo(image.id());
  }

  @Test
  void severalImagesTravelInOneArchive() throws Exception {
    Image a = importTar("multi/a", "a");
    Image b = importTar("multi/b", "b");
    images.tag("multi/b", "multi/b", "second");
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    images.save(List.of("multi/a", "multi/b"), saved);
    for (String name : List.of("multi/a", "multi/b", "multi/b:second")) {
      images.remove(name, false, false);
    }
    List<String> lines = new ArrayList<>();
    images.load(new ByteArrayInputStream(saved.toByteArray()), lines::add);
    assertThat(lines).containsExactlyInAnyOrder("Loaded image: multi/a:latest", "Loaded image: multi/b:latest",
        "Loaded image: multi/b:second");
    assertThat(images.list(Map.of(), false)).extracting(Image::id).containsExactlyInAnyOrder(a.id(), b.id());
  }

  @Test
  void legacyDockerArchiveWithLinkedLayersLoads() throws Exception {
    byte[] layer = new TarBuilder().file("etc/motd", "legacy\n").build();
    Digest diffId = Digest.of(layer);
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"sh\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\",\"" + diffId + "\"]}}";
    Digest id = Digest.of(config.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      put(tar, id.hex() + ".json", config.getBytes(StandardCharsets.UTF_8));
      put(tar, "aaaa/layer.tar", layer);
      TarArchiveEntry link = new TarArchiveEntry("bbbb/layer.tar", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("../aaaa/layer.tar");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
      put(tar, "manifest.json", ("[{\"Config\":\"" + id.hex() + ".json\",\"RepoTags\":[\"legacy:1\"],"
          + "\"Layers\":[\"aaaa/layer.tar\",\"bbbb/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
      put(tar, "repositories", "{\"legacy\":{\"1\":\"bbbb\"}}".getBytes(StandardCharsets.UTF_8));
    }
    images.load(new ByteArrayInputStream(out.toByteArray()), line -> { });
    Image loaded = images.get("legacy:1");
    assertThat(loaded.id()).isEqualTo(id);
    assertThat(loaded.config().config().cmd()).containsExactly("sh");
  }

  @Test
  void aLayerWhoseContentIsNotItsDiffIdLeavesNothingBehind() throws Exception {
    byte[] claimed = new TarBuilder().file("etc/motd", "claimed\n").build();
    byte[] sent = new TarBuilder().file("etc/motd", "swapped\n").build();
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.of(claimed) + "\"]}}";
    Digest id = Digest.of(config.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      put(tar, id.hex() + ".json", config.getBytes(StandardCharsets.UTF_8));
      put(tar, "aaaa/layer.tar", sent);
      put(tar, "manifest.json", ("[{\"Config\":\"" + id.hex() + ".json\",\"RepoTags\":[\"swapped:1\"],"
          + "\"Layers\":[\"aaaa/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> images.load(new ByteArrayInputStream(out.toByteArray()), line -> { }))
        .hasMessageContaining("is corrupt");
    assertThat(images.list(Map.of(), true)).isEmpty();
    try (var snapshots = java.nio.file.Files.list(temp.resolve("data/snapshots"))) {
      assertThat(snapshots.toList()).isEmpty();
    }
    try (var blobs = java.nio.file.Files.walk(temp.resolve("data/content"))) {
      assertThat(blobs.filter(java.nio.file.Files::isRegularFile).toList()).isEmpty();
    }
  }

  @Test
  void gzippedArchivesAndTarballsAreAccepted() throws Exception {
    byte[] rootfs = new TarBuilder().file("g", "zipped").build();
    Image imported = images.importImage(new ByteArrayInputStream(gzip(rootfs)), new ImportRequest("gz:1", List.of(), null, null));
    assertThat(imported.config().rootfs().diffIds()).containsExactly(Digest.of(rootfs).toString());
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    images.save(List.of("gz:1"), saved);
    images.remove("gz:1", false, false);
    images.load(new ByteArrayInputStream(gzip(saved.toByteArray())), line -> { });
    assertThat(images.get("gz:1").id()).isEqualTo(imported.id());
  }

  @Test
  void labelBeforeAndSinceFilters() throws Exception {
    Image old = images.importImage(new ByteArrayInputStream(new TarBuilder().file("o", "o").build()),
        new ImportRequest("old", List.of("LABEL tier=back"), null, null));
    Thread.sleep(5); // created times must differ for before/since (test-only)
    Image recent = images.importImage(new ByteArrayInputStream(new TarBuilder().file("n", "n").build()),
        new ImportRequest("new", List.of("LABEL tier=front"), null, null));
    assertThat(images.list(Map.of("label", List.of("tier=front")), false)).extracting(Image::id).containsExactly(recent.id());
    assertThat(images.list(Map.of("label", List.of("tier")), false)).hasSize(2);
    assertThat(images.list(Map.of("before", List.of("new")), false)).extracting(Image::id).containsExactly(old.id());
    assertThat(images.list(Map.of("since", List.of("old")), false)).extracting(Image::id).containsExactly(recent.id());
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] data) throws Exception {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(data.length);
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  private static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
