package io.wharf.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.engine.archive.TarBuilder;
import io.wharf.engine.snapshot.Snapshotter;
import io.wharf.engine.wiring.Engine;
import io.wharf.engine.wiring.EngineConfig;
import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.image.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker load} storing and unpacking each layer in one pass, whether the manifest comes
 * before the layers or after them, and leaving nothing behind when it refuses an archive.
 */
class ArchiveLoaderTest {
  @TempDir Path temp;
  Engine engine;
  ImageService images;
  final byte[] base = layer("etc/motd", "base\n");
  final byte[] top = layer("etc/motd", "top\n");

  @BeforeEach
  void open() {
    engine = Engine.open(new EngineConfig(temp.resolve("data"), temp.resolve("exec")));
    images = engine.images();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void manifestLastArchiveLoadsEachLayerAsTheSnapshotOfItsChain() throws Exception {
    String config = config("last", base, top);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("config.json", bytes(config));
    entries.put("layers/base.tar", base);
    entries.put("layers/top.tar", top);
    int manifestAt = archive(entries).length - 1024; // where the end-of-archive blocks were
    entries.put("manifest.json", manifest("config.json", "last:1", "layers/base.tar", "layers/top.tar"));
    List<String> stagedWhenTheManifestCame = new ArrayList<>();
    images.load(new WatchedStream(archive(entries), manifestAt, () -> stagedWhenTheManifestCame.addAll(staged())),
        line -> { });
    assertThat(stagedWhenTheManifestCame).containsExactlyInAnyOrder("base\n", "top\n");
    Image image = images.get("last:1");
    assertThat(image.id()).isEqualTo(Digest.of(bytes(config)));
    assertThat(Files.readString(snapshot(base).resolve("etc/motd"))).isEqualTo("base\n");
    assertThat(Files.readString(snapshot(base, top).resolve("etc/motd"))).isEqualTo("top\n");
    assertNoStagedLayers();
  }

  @Test
  void manifestFirstArchiveLoadsToo() throws Exception {
    String config = config("first", base, top);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("manifest.json", manifest("config.json", "first:1", "layers/base.tar", "layers/top.tar"));
    entries.put("config.json", bytes(config));
    entries.put("layers/top.tar", top);
    entries.put("layers/base.tar", base);
    images.load(new ByteArrayInputStream(archive(entries)), line -> { });
    assertThat(images.get("first:1").id()).isEqualTo(Digest.of(bytes(config)));
    assertThat(Files.readString(snapshot(base, top).resolve("etc/motd"))).isEqualTo("top\n");
    assertNoStagedLayers();
  }

  @Test
  void layerThatIsNotItsConfigsDiffIdIsRefusedAndLeavesNothing() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("manifest.json", manifest("config.json", "swapped:1", "layers/base.tar", "layers/top.tar"));
    entries.put("config.json", bytes(config("swapped", base, top)));
    entries.put("layers/base.tar", base);
    entries.put("layers/top.tar", layer("etc/motd", "swapped\n"));
    assertThatThrownBy(() -> images.load(new ByteArrayInputStream(archive(entries)), line -> { }))
        .isInstanceOf(InvalidArgument.class).hasMessageContaining("is corrupt");
    assertNothingStored();
  }

  @Test
  void gzipLayerOfAnOciLayoutThatIsNotItsDiffIdIsRefusedAndLeavesNothing() throws Exception {
    byte[] gzipped = gzip(layer("etc/motd", "swapped\n"));
    Map<String, byte[]> entries =
        ociLayout("oci/swapped:1", config("swapped", top), MediaTypes.OCI_LAYER_GZIP, gzipped);
    assertThatThrownBy(() -> images.load(new ByteArrayInputStream(archive(entries)), line -> { }))
        .isInstanceOf(InvalidArgument.class).hasMessageContaining("is corrupt");
    assertNothingStored();
  }

  @Test
  void ociLayoutWithGzipLayersKeepsTheUncompressedLayerOnly() throws Exception {
    String config = config("gzipped", base);
    byte[] archive = archive(ociLayout("oci/gzipped:1", config, MediaTypes.OCI_LAYER_GZIP, gzip(base)));
    images.load(new ByteArrayInputStream(archive), line -> { });
    assertThat(images.get("oci/gzipped:1").id()).isEqualTo(Digest.of(bytes(config)));
    assertThat(Files.readString(snapshot(base).resolve("etc/motd"))).isEqualTo("base\n");
    try (Stream<Path> blobs = Files.list(temp.resolve("data/content/blobs/sha256"))) {
      assertThat(blobs.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(Digest.of(bytes(config)).hex(), Digest.of(base).hex());
    }
    assertNoStagedLayers();
  }

  @Test
  void layerAlreadyUnpackedIsKeptAndItsStagedCopyDropped() throws Exception {
    Map<String, byte[]> first = new LinkedHashMap<>();
    first.put("config.json", bytes(config("one", base)));
    first.put("layers/a.tar", base);
    first.put("manifest.json", manifest("config.json", "one:1", "layers/a.tar"));
    images.load(new ByteArrayInputStream(archive(first)), line -> { });
    Object inode = Files.getAttribute(snapshot(base), "unix:ino");
    Map<String, byte[]> second = new LinkedHashMap<>();
    second.put("config.json", bytes(config("two", base)));
    second.put("layers/b.tar", base);
    second.put("manifest.json", manifest("config.json", "two:1", "layers/b.tar"));
    images.load(new ByteArrayInputStream(archive(second)), line -> { });
    assertThat(images.get("two:1").config().rootfs().diffIds()).containsExactly(Digest.of(base).toString());
    assertThat(Files.getAttribute(snapshot(base), "unix:ino")).isEqualTo(inode);
    try (Stream<Path> snapshots = Files.list(temp.resolve("data/snapshots"))) {
      assertThat(snapshots.map(p -> p.getFileName().toString())).containsExactly(Digest.of(base).hex());
    }
  }

  @Test
  void fileThatLooksLikeALayerButIsNoneIsOnlyStoredThenDropped() throws Exception {
    String config = config("odd", base);
    Map<String, byte[]> entries = ociLayout("oci/odd:1", config, MediaTypes.OCI_LAYER, base);
    byte[] notATar = gzip(bytes("not a tar"));
    entries.put("blobs/sha256/" + Digest.of(notATar).hex(), notATar);
    images.load(new ByteArrayInputStream(archive(entries)), line -> { });
    assertThat(images.get("oci/odd:1").id()).isEqualTo(Digest.of(bytes(config)));
    assertThat(temp.resolve("data/content/blobs/sha256/" + Digest.of(notATar).hex())).doesNotExist();
    assertNoStagedLayers();
  }

  private Path snapshot(byte[]... chain) {
    Digest chainId = null;
    for (byte[] layer : chain) {
      chainId = Snapshotter.chainId(chainId, Digest.of(layer));
    }
    return temp.resolve("data/snapshots").resolve(chainId.hex()).resolve("fs");
  }

  /** The {@code etc/motd} of each staged layer. */
  private List<String> staged() {
    try (Stream<Path> snapshots = Files.list(temp.resolve("data/snapshots"))) {
      List<String> motds = new ArrayList<>();
      for (Path dir : snapshots.filter(p -> p.getFileName().toString().startsWith("tmp-")).toList()) {
        motds.add(Files.readString(dir.resolve("fs/etc/motd")));
      }
      return motds;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void assertNoStagedLayers() {
    try (Stream<Path> snapshots = Files.list(temp.resolve("data/snapshots"))) {
      assertThat(snapshots.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("tmp-"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * An archive that runs {@code check} once, when it is read as far as {@code offset}: no read
   * goes past it before, so what the load did by then it did before seeing what follows.
   */
  private static final class WatchedStream extends java.io.InputStream {
    private final byte[] bytes;
    private final int offset;
    private Runnable check;
    private int position;

    WatchedStream(byte[] bytes, int offset, Runnable check) {
      this.bytes = bytes;
      this.offset = offset;
      this.check = check;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= offset && check != null) {
        check.run();
        check = null;
      }
      int end = position < offset ? offset : bytes.length;
      if (position >= end) {
        return -1;
      }
      int n = Math.min(len, end - position);
      System.arraycopy(bytes, position, b, off, n);
      position += n;
      return n;
    }
  }

  private void assertNothingStored() throws Exception {
    assertThat(images.list(Map.of(), true)).isEmpty();
    assertThat(temp.resolve("data/snapshots")).isEmptyDirectory();
    assertThat(temp.resolve("data/content/blobs/sha256")).isEmptyDirectory();
    assertThat(temp.resolve("data/content/ingest")).isEmptyDirectory();
  }

  private static byte[] layer(String path, String content) {
    try {
      return new TarBuilder().file(path, content).build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** An image config whose diff IDs are those of {@code layers}; {@code name} makes it unique. */
  private static String config(String name, byte[]... layers) {
    StringBuilder diffIds = new StringBuilder();
    for (byte[] layer : layers) {
      diffIds.append(diffIds.isEmpty() ? "" : ",").append('"').append(Digest.of(layer)).append('"');
    }
    return "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"name\":\"" + name + "\"}},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}";
  }

  private static byte[] manifest(String config, String tag, String... layers) {
    return bytes("[{\"Config\":\"" + config + "\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[\""
        + String.join("\",\"", layers) + "\"]}]");
  }

  /** An OCI layout of one image tagged {@code name}, its one layer blob {@code layer} of media type {@code type}. */
  private static Map<String, byte[]> ociLayout(String name, String config, String type, byte[] layer) {
    byte[] configBytes = bytes(config);
    byte[] manifest = bytes("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + Digest.of(configBytes) + "\",\"size\":" + configBytes.length + "},\"layers\":[{\"mediaType\":\"" + type
        + "\",\"digest\":\"" + Digest.of(layer) + "\",\"size\":" + layer.length + "}]}");
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("oci-layout", bytes("{\"imageLayoutVersion\":\"1.0.0\"}"));
    entries.put("blobs/sha256/" + Digest.of(layer).hex(), layer);
    entries.put("blobs/sha256/" + Digest.of(configBytes).hex(), configBytes);
    entries.put("blobs/sha256/" + Digest.of(manifest).hex(), manifest);
    entries.put("index.json", bytes("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + Digest.of(manifest) + "\",\"size\":"
        + manifest.length + ",\"annotations\":{\"io.containerd.image.name\":\"" + name + "\"}}]}"));
    return entries;
  }

  private static byte[] archive(Map<String, byte[]> entries) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
        header.setSize(entry.getValue().length);
        tar.putArchiveEntry(header);
        tar.write(entry.getValue());
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
