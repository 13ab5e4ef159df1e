package io.wharf.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.engine.archive.TarBuilder;
import io.wharf.engine.wiring.Engine;
import io.wharf.engine.wiring.EngineConfig;
import io.wharf.oci.errors.Conflict;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalImageServiceTest {
  @TempDir Path temp;
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

  private Image importTar(String reference, String... changes) throws Exception {
    byte[] tar = new TarBuilder().dir("etc").file("etc/motd", "hello " + reference + "\n").build();
    return images.importImage(new ByteArrayInputStream(tar), new ImportRequest(reference, List.of(changes), null, null));
  }

  @Test
  void importedImageIsListedWithItsTagAndConfig() throws Exception {
    Image image = importTar("busybox", "CMD [\"sh\"]", "ENV A=1 B=\"two words\"", "EXPOSE 80", "WORKDIR /srv",
        "LABEL team=core", "USER nobody");
    assertThat(image.repoTags()).containsExactly("busybox:latest");
    assertThat(image.config().config().cmd()).containsExactly("sh");
    assertThat(image.config().config().env()).containsExactly("A=1", "B=two words");
    assertThat(image.config().config().exposedPorts()).containsOnlyKeys("80/tcp");
    assertThat(image.config().config().workingDir()).isEqualTo("/srv");
    assertThat(image.config().config().user()).isEqualTo("nobody");
    assertThat(image.config().rootfs().diffIds()).hasSize(1);
    assertThat(image.id()).isEqualTo(io.wharf.oci.Digest.of(image.configBytes()));
    assertThat(images.list(Map.of(), false)).extracting(Image::id).containsExactly(image.id());
    assertThat(images.get("busybox:latest").id()).isEqualTo(image.id());
    assertThat(images.get(image.id().hex().substring(0, 6)).id()).isEqualTo(image.id());
    assertThat(images.history("busybox")).singleElement()
        .satisfies(h -> assertThat(h.comment()).isEqualTo("Imported from -"));
  }

  @Test
  void unknownChangeIsRefusedBeforeAnythingIsStored() {
    assertThatThrownBy(() -> importTar("x", "RUN true")).isInstanceOf(InvalidArgument.class)
        .hasMessage("run is not a valid change command");
    assertThat(images.list(Map.of(), true)).isEmpty();
  }

  @Test
  void missingImageIsNotFoundInDockersWords() {
    assertThatThrownBy(() -> images.get("nosuch")).isInstanceOf(NotFound.class).hasMessage("No such image: nosuch:latest");
  }

  @Test
  void rmiUntagsThenDeletesWithTheLastTag() throws Exception {
    Image image = importTar("one:1");
    images.tag("one:1", "docker.io/library/two", "2");
    assertThat(images.remove("one:1", false, false)).containsExactly(ImageDeletion.untagged("one:1"));
    List<ImageDeletion> last = images.remove("two:2", false, false);
    assertThat(last).contains(ImageDeletion.untagged("two:2"), ImageDeletion.deleted(image.id().toString()));
    assertThat(images.list(Map.of(), true)).isEmpty();
    try (Stream<Path> blobs = Files.list(temp.resolve("data/content/blobs/sha256"))) {
      assertThat(blobs).isEmpty();
    }
  }

  @Test
  void rmiOfTheLastTagOfARepositoryTakesItsDigestReferencesAlong() throws Exception {
    Image image = importTar("reg.example/app:1");
    images.tag("reg.example/app:1", "reg.example/app", "2");
    String digest = "@sha256:" + "a".repeat(64);
    try (io.wharf.engine.state.StateStore state = new io.wharf.engine.state.StateStore(temp.resolve("data/wharf.db"))) {
      state.transaction(c -> {
        // as a push or a pull records them
        io.wharf.engine.state.ImageTable.repoDigest(c, "reg.example/app" + digest, image.id());
        io.wharf.engine.state.ImageTable.repoDigest(c, "reg.example/other" + digest, image.id());
        return null;
      });
    }
    assertThat(images.remove("reg.example/app:1", false, false)).containsExactly(ImageDeletion.untagged("reg.example/app:1"));
    assertThat(images.remove("reg.example/app:2", false, false))
        .containsExactly(ImageDeletion.untagged("reg.example/app:2"), ImageDeletion.untagged("reg.example/app" + digest));
    assertThat(images.get(image.id().toString()).repoDigests()).containsExactly("reg.example/other" + digest);
    assertThat(images.remove("reg.example/other" + digest, false, false))
        .contains(ImageDeletion.deleted(image.id().toString()));
  }

  @Test
  void rmiByIdOfAnImageWithSeveralTagsNeedsForce() throws Exception {
    Image image = importTar("one:1");
    images.tag("one:1", "two", "2");
    assertThatThrownBy(() -> images.remove(image.id().toString(), false, false)).isInstanceOf(Conflict.class)
        .hasMessage("conflict: unable to delete " + image.id().shortId()
            + " (must be forced) - image is referenced in multiple repositories");
    assertThat(images.remove(image.id().toString(), true, false)).contains(ImageDeletion.deleted(image.id().toString()));
  }

  @Test
  void retaggingLeavesTheOldImageDangling() throws Exception {
    Image first = importTar("app");
    Image second = importTar("app");
    assertThat(images.get(first.id().toString()).repoTags()).isEmpty();
    assertThat(images.list(Map.of("dangling", List.of("true")), false)).extracting(Image::id).containsExactly(first.id());
    PruneReport report = images.prune(Map.of(), false);
    assertThat(report.deleted()).contains(ImageDeletion.deleted(first.id().toString()));
    assertThat(images.list(Map.of(), true)).extracting(Image::id).containsExactly(second.id());
  }

  @Test
  void referenceFilterMatchesGlobs() throws Exception {
    importTar("web/front:1");
    importTar("db:2");
    assertThat(images.list(Map.of("reference", List.of("web/*")), false)).hasSize(1);
    assertThatThrownBy(() -> images.list(Map.of("color", List.of("red")), false)).isInstanceOf(InvalidArgument.class)
        .hasMessage("invalid filter 'color'");
  }

  @Test
  void saveThenLoadIntoAnotherEngineGivesTheSameImage() throws Exception {
    Image image = importTar("saved:1", "CMD [\"sh\"]");
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    images.save(List.of("saved:1"), archive);
    try (Engine other = Engine.open(new EngineConfig(temp.resolve("other"), temp.resolve("other-exec")))) {
      List<String> progress = new ArrayList<>();
      other.images().load(new ByteArrayInputStream(archive.toByteArray()), progress::add);
      assertThat(progress).containsExactly("Loaded image: saved:1");
      Image loaded = other.images().get("saved:1");
      assertThat(loaded.id()).isEqualTo(image.id());
      assertThat(loaded.config().rootfs().diffIds()).isEqualTo(image.config().rootfs().diffIds());
    }
  }

  @Test
  void saveOfAnUnknownImageFailsBeforeWriting() throws Exception {
    importTar("known");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> images.save(List.of("known", "unknown"), out)).isInstanceOf(NotFound.class);
    assertThat(out.size()).isZero();
  }

  @Test
  void truncatedArchiveLoadsNothingAndLeavesNoBlob() throws Exception {
    importTar("base");
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    images.save(List.of("base"), archive);
    images.remove("base", false, false);
    byte[] truncated = Arrays.copyOf(archive.toByteArray(), archive.size() / 2);
    assertThatThrownBy(() -> images.load(new ByteArrayInputStream(truncated), line -> { }))
        .isInstanceOf(InvalidArgument.class);
    assertThat(images.list(Map.of(), true)).isEmpty();
    try (Stream<Path> blobs = Files.list(temp.resolve("data/content/blobs/sha256"))) {
      assertThat(blobs).isEmpty();
    }
  }

  @Test
  void archiveWithACorruptLayerIsRefused() throws Exception {
    byte[] layer = new TarBuilder().file("a", "a").build();
    byte[] other = new TarBuilder().file("b", "b").build();
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + io.wharf.oci.Digest.of(other) + "\"]}}";
    byte[] archive = new TarBuilder().file("config.json", config).file("layer.tar", new String(layer, java.nio.charset.StandardCharsets.ISO_8859_1))
        .file("manifest.json", "[{\"Config\":\"config.json\",\"RepoTags\":[\"bad:1\"],\"Layers\":[\"layer.tar\"]}]").build();
    assertThatThrownBy(() -> images.load(new ByteArrayInputStream(archive), line -> { })).isInstanceOf(InvalidArgument.class);
    assertThat(images.list(Map.of(), true)).isEmpty();
  }

  @Test
  void imagesSharingALayerShareOneSnapshot() throws Exception {
    byte[] tar = new TarBuilder().file("shared", "same bytes").build();
    images.importImage(new ByteArrayInputStream(tar), new ImportRequest("a", List.of("CMD [\"a\"]"), null, null));
    images.importImage(new ByteArrayInputStream(tar), new ImportRequest("b", List.of("CMD [\"b\"]"), null, null));
    try (Stream<Path> snapshots = Files.list(temp.resolve("data/snapshots"))) {
      assertThat(snapshots).hasSize(1);
    }
    images.remove("a", false, false);
    try (Stream<Path> snapshots = Files.list(temp.resolve("data/snapshots"))) {
      assertThat(snapshots).hasSize(1);
    }
  }

  @Test
  void reopeningRemovesWhatACrashLeftHalfMade() throws Exception {
    Image kept = importTar("kept");
    engine.close();
    Files.writeString(temp.resolve("data/content/ingest/blob-1.part"), "half");
    Files.writeString(temp.resolve("data/content/blobs/sha256/" + "a".repeat(64)), "orphan");
    Files.createDirectories(temp.resolve("data/snapshots/tmp-123/fs"));
    Files.createDirectories(temp.resolve("data/snapshots/" + "b".repeat(64) + "/fs"));
    engine = Engine.open(new EngineConfig(temp.resolve("data"), temp.resolve("exec")));
    images = engine.images();
    assertThat(temp.resolve("data/content/ingest")).isEmptyDirectory();
    assertThat(temp.resolve("data/content/blobs/sha256/" + "a".repeat(64))).doesNotExist();
    assertThat(temp.resolve("data/snapshots/tmp-123")).doesNotExist();
    assertThat(temp.resolve("data/snapshots/" + "b".repeat(64))).doesNotExist();
    assertThat(images.get("kept").id()).isEqualTo(kept.id());
  }
}
