package io.wharf.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.engine.archive.TarBuilder;
import io.wharf.engine.snapshot.Snapshotter;
import io.wharf.engine.wiring.Engine;
import io.wharf.engine.wiring.EngineConfig;
import io.wharf.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePullerTest {
  @TempDir Path temp;
  Path data;
  Engine engine;

  @BeforeEach
  void open() {
    data = temp.resolve("data");
    engine = Engine.open(new EngineConfig(data, temp.resolve("exec")));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void streamedLayerWhoseBlobIsNotItsDigestLeavesNoBlobSnapshotOrScratchFile() throws Exception {
    byte[] tar = new TarBuilder().file("data.bin", random(1, 3 << 20), 0644).build();
    try (OneImageRegistry registry = new OneImageRegistry(List.of(tar))) {
      // the same tar, gzipped with another time in its header: it unpacks to the right diff ID,
      // so only the blob's own digest tells it from the one the manifest names
      byte[] other = OneImageRegistry.gzip(tar);
      other[4] ^= 1;
      registry.substitute(0, other);
      assertThatThrownBy(() -> engine.images().pull(registry.reference(), null, null, line -> {}))
          .hasMessageContaining("digest mismatch for blob: expected " + registry.layer(0));
    }
    assertThat(engine.images().list(Map.of(), false)).isEmpty();
    assertThat(files("content/blobs/sha256")).isEmpty();
    assertThat(files("content/ingest")).isEmpty();
    assertThat(files("snapshots")).isEmpty();
    assertThat(files("pulls")).isEmpty();
  }

  @Test
  void layerThatArrivesBeforeTheOneBelowIsUnpackedAfterIt() throws Exception {
    byte[] bottom = new TarBuilder().file("bottom.bin", random(2, 2 << 20), 0644).build();
    byte[] top = new TarBuilder().file("top.txt", "top\n").build();
    try (OneImageRegistry registry = new OneImageRegistry(List.of(bottom, top))) {
      String bottomId = registry.layer(0).shortId();
      String topId = registry.layer(1).shortId();
      CountDownLatch topDownloaded = new CountDownLatch(1);
      CountDownLatch resumeBottom = new CountDownLatch(1);
      registry.holdHalfway(0, resumeBottom);
      List<String> lines = new CopyOnWriteArrayList<>();
      Future<Image> pull;
      try (var thread = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        pull = pull(thread, registry, lines, topId + ": Download complete", topDownloaded);
        try {
          assertThat(topDownloaded.await(30, TimeUnit.SECONDS)).as("top layer downloaded").isTrue();
          assertThat(files("pulls")).as("the top layer waits in a scratch file").hasSize(1);
          assertThat(eventuallyStoring(10_000)).as("the bottom layer is stored as it streams in").isTrue();
        } finally {
          resumeBottom.countDown();
        }
      }
      Image image = pull.get();
      assertThat(lines).containsSubsequence(topId + ": Download complete", bottomId + ": Download complete",
          bottomId + ": Extracting", bottomId + ": Pull complete", topId + ": Extracting", topId + ": Pull complete");
      Digest bottomChain = Digest.of(bottom);
      Digest topChain = Snapshotter.chainId(bottomChain, Digest.of(top));
      assertThat(image.config().rootfs().diffIds()).containsExactly(Digest.of(bottom).toString(), Digest.of(top).toString());
      assertThat(data.resolve("snapshots").resolve(bottomChain.hex()).resolve("fs/bottom.bin")).hasSize(2 << 20);
      assertThat(data.resolve("snapshots").resolve(topChain.hex()).resolve("fs/top.txt")).hasContent("top");
    }
    assertThat(files("pulls")).isEmpty();
    assertThat(files("content/ingest")).isEmpty();
  }

  @Test
  void layerWhoseTurnComesWhileItDownloadsIsUnpackedFromItsScratchFileAsItArrives() throws Exception {
    byte[] bottom = new TarBuilder().file("bottom.txt", "bottom\n").build();
    byte[] top = new TarBuilder().file("top.bin", random(3, 4 << 20), 0644).build();
    try (OneImageRegistry registry = new OneImageRegistry(List.of(bottom, top))) {
      String bottomId = registry.layer(0).shortId();
      String topId = registry.layer(1).shortId();
      CountDownLatch resumeTop = new CountDownLatch(1);
      CountDownLatch bottomDone = new CountDownLatch(1);
      registry.holdHalfway(1, resumeTop); // the top layer goes to a scratch file, and stops half-way
      List<String> lines = new CopyOnWriteArrayList<>();
      Future<Image> pull;
      try (var thread = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        pull = pull(thread, registry, lines, bottomId + ": Pull complete", bottomDone);
        try {
          assertThat(bottomDone.await(30, TimeUnit.SECONDS)).as("bottom layer pulled").isTrue();
          assertThat(eventuallyStoring(10_000)).as("the top layer is stored from its scratch file while it downloads")
              .isTrue();
          assertThat(lines).doesNotContain(topId + ": Download complete", topId + ": Extracting");
        } finally {
          resumeTop.countDown();
        }
      }
      Image image = pull.get();
      assertThat(lines).containsSubsequence(bottomId + ": Pull complete", topId + ": Download complete",
          topId + ": Extracting", topId + ": Pull complete");
      Digest topChain = Snapshotter.chainId(Digest.of(bottom), Digest.of(top));
      assertThat(image.config().rootfs().diffIds()).containsExactly(Digest.of(bottom).toString(), Digest.of(top).toString());
      assertThat(data.resolve("snapshots").resolve(topChain.hex()).resolve("fs/top.bin")).hasSize(4 << 20);
    }
    assertThat(files("pulls")).isEmpty();
    assertThat(files("content/ingest")).isEmpty();
  }

  /**
   * Starts a pull of the registry's image on {@code thread}: its progress lines but
   * {@code Downloading} go to {@code lines} ({@code "<layer>: <status>"}), and {@code reached}
   * counts down at the line {@code awaited}.
   */
  private Future<Image> pull(java.util.concurrent.ExecutorService thread, OneImageRegistry registry,
      List<String> lines, String awaited, CountDownLatch reached) {
    return thread.submit(() -> engine.images().pull(registry.reference(), null, null, line -> {
      if (line.id() != null && !line.status().equals("Downloading")) {
        String text = line.id() + ": " + line.status();
        lines.add(text);
        if (text.equals(awaited)) {
          reached.countDown();
        }
      }
    }));
  }

  /** Whether a blob being written in the content store holds bytes within {@code millis}. */
  private boolean eventuallyStoring(long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      for (Path part : files("content/ingest")) {
        if (Files.size(part) > 0) {
          return true;
        }
      }
      Thread.sleep(20);
    }
    return false;
  }

  private static byte[] random(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private List<Path> files(String dir) throws IOException {
    Path path = data.resolve(dir);
    if (!Files.exists(path)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(path)) {
      return list.toList();
    }
  }
}
