package io.wharf.engine.image;

import io.wharf.engine.archive.Compression;
import io.wharf.engine.snapshot.Snapshotter;
import io.wharf.engine.state.ImageTable;
import io.wharf.engine.state.LayerRow;
import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.image.ImageConfig;
import io.wharf.oci.image.Platform;
import io.wharf.registry.client.Descriptor;
import io.wharf.registry.client.RegistryClient;
import io.wharf.registry.client.ResolvedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code docker pull}: the manifest for the platform, its config, and each layer not already
 * here. Up to {@code max-concurrent-downloads} layers download at once into scratch files (every
 * byte digest-verified); they are decompressed and unpacked in order, each as the snapshot of its
 * chain, as soon as it and the layers below it are in. The image is then recorded with its tag and
 * repo digest in one transaction. Layers present from an earlier pull or another image are not
 * fetched again. Thread-safe (the catalog's lock).
 */
final class ImagePuller {
  private final ImageCatalog catalog;
  private final Path scratch;
  private final int maxDownloads;

  /** {@code scratch} is emptied: what is there was left by a pull a crash cut short. */
  ImagePuller(ImageCatalog catalog, Path scratch, int maxDownloads) {
    this.catalog = catalog;
    this.scratch = scratch;
    this.maxDownloads = maxDownloads;
    try {
      Files.createDirectories(scratch);
      try (Stream<Path> leftovers = Files.list(scratch)) {
        for (Path leftover : leftovers.toList()) {
          Files.deleteIfExists(leftover);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What one tag's pull did: the image, and whether the tag named it already. */
  record Pulled(Image image, boolean upToDate) {}

  /**
   * Pulls {@code ref} for {@code platform}; progress goes to {@code progress} from several
   * threads, one call at a time. Prints {@code Digest:} but not the final {@code Status:} line,
   * which depends on whether one tag or all were pulled.
   */
  Pulled pull(RegistryClient client, ImageReference ref, Platform platform, Consumer<PullProgress> progress)
      throws IOException {
    progress.accept(PullProgress.of((ref.digest() != null ? ref.digest().toString() : ref.tag()) + ": Pulling from "
        + ref.familiarName()));
    ResolvedImage resolved = client.resolve(ref, platform);
    ByteArrayOutputStream configBytes = new ByteArrayOutputStream();
    client.fetchBlob(ref, resolved.config(), 0, configBytes);
    ImageConfig config = Json.MAPPER.readValue(configBytes.toByteArray(), ImageConfig.class);
    List<String> diffIds = config.rootfs() == null ? List.of() : config.rootfs().diffIds();
    if (diffIds.size() != resolved.layers().size()) {
      throw new InvalidArgument("image " + ref + " is corrupt: " + resolved.layers().size() + " layers and "
          + diffIds.size() + " diff IDs");
    }
    Digest imageId = Digest.of(configBytes.toByteArray());
    // Docker's "up to date": the tag (or digest) named this very image already
    boolean upToDate = catalog.rows().stream().anyMatch(r -> r.id().equals(imageId)
        && (ref.digest() == null ? r.tags().contains(ref.toString())
            : r.repoDigests().contains(ref.repository() + "@" + ref.digest())));
    var lock = catalog.contentLock().readLock();
    lock.lock();
    try (ExecutorService downloads = Executors.newVirtualThreadPerTaskExecutor()) {
      Semaphore slots = new Semaphore(maxDownloads);
      List<Future<Path>> fetched = new ArrayList<>();
      List<Digest> chains = new ArrayList<>();
      Digest chain = null;
      int queued = 0;
      for (int i = 0; i < diffIds.size(); i++) {
        Descriptor blob = resolved.layers().get(i);
        Digest diffId = Digest.parse(diffIds.get(i));
        chain = Snapshotter.chainId(chain, diffId);
        chains.add(chain);
        String shortId = blob.digest().shortId();
        if (catalog.snapshots().exists(chain) && catalog.content().exists(diffId)) {
          progress.accept(PullProgress.layer(shortId, "Already exists"));
          fetched.add(null);
        } else {
          progress.accept(PullProgress.layer(shortId, "Pulling fs layer"));
          if (queued++ >= maxDownloads) {
            progress.accept(PullProgress.layer(shortId, "Waiting"));
          }
          fetched.add(downloads.submit(() -> download(client, ref, blob, slots, progress)));
        }
      }
      List<LayerRow> layers = new ArrayList<>();
      try {
        for (int i = 0; i < diffIds.size(); i++) {
          Digest diffId = Digest.parse(diffIds.get(i));
          Future<Path> download = fetched.get(i);
          if (download == null) {
            layers.add(new LayerRow(diffId, chains.get(i), catalog.content().size(diffId)));
            continue;
          }
          Path file = LayerTransfers.await(download, "pull");
          String shortId = resolved.layers().get(i).digest().shortId();
          progress.accept(PullProgress.layer(shortId, "Extracting"));
          try (InputStream in = Compression.decompress(Files.newInputStream(file))) {
            layers.add(catalog.addLayer(i == 0 ? null : chains.get(i - 1), in, diffId));
          } finally {
            Files.deleteIfExists(file);
          }
          rememberGzip(diffId, resolved.layers().get(i));
          progress.accept(PullProgress.layer(shortId, "Pull complete"));
        }
      } finally {
        downloads.shutdownNow(); // a failed layer stops the others
        downloads.close(); // waits for them, so that every file they wrote is deleted below
        for (Future<Path> download : fetched) {
          if (download != null && download.state() == Future.State.SUCCESS) {
            Files.deleteIfExists(download.resultNow());
          }
        }
      }
      catalog.content().write(configBytes.toByteArray());
      List<ImageReference> tags = ref.digest() == null ? List.of(ref) : List.of();
      catalog.record(imageId, null, layers, tags);
      String repoDigest = ref.repository().toString() + "@" + resolved.manifestDigest();
      catalog.state().transaction(c -> {
        ImageTable.repoDigest(c, repoDigest, imageId);
        return null;
      });
    } finally {
      lock.unlock();
    }
    progress.accept(PullProgress.of("Digest: " + resolved.manifestDigest()));
    return new Pulled(catalog.toImage(catalog.resolve(imageId.toString())), upToDate);
  }

  /** A gzip layer's blob, so that a push of it asks the registry before compressing it again. */
  private void rememberGzip(Digest diffId, Descriptor blob) {
    String type = blob.mediaType() == null ? "" : blob.mediaType();
    if (type.endsWith("+gzip") || type.endsWith(".tar.gzip")) {
      catalog.state().transaction(c -> {
        io.wharf.engine.state.LayerBlobTable.put(c, diffId, ImagePusher.GZIP, blob.digest(), blob.size());
        return null;
      });
    }
  }

  private Path download(RegistryClient client, ImageReference ref, Descriptor blob, Semaphore slots,
      Consumer<PullProgress> progress) throws IOException, InterruptedException {
    slots.acquire();
    Path file = Files.createTempFile(scratch, "pull-", ".blob");
    try {
      String shortId = blob.digest().shortId();
      try (OutputStream out = new ProgressStream(Files.newOutputStream(file), shortId, blob.size(), progress)) {
        client.fetchBlob(ref, blob, 0, out);
      }
      progress.accept(PullProgress.layer(shortId, "Verifying Checksum"));
      progress.accept(PullProgress.layer(shortId, "Download complete"));
      return file;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    } finally {
      slots.release();
    }
  }

  /** Reports {@code Downloading} as bytes arrive, at most every 512 KiB. */
  private static final class ProgressStream extends java.io.FilterOutputStream {
    private final String id;
    private final long total;
    private final Consumer<PullProgress> progress;
    private long written;
    private long reported;

    ProgressStream(OutputStream out, String id, long total, Consumer<PullProgress> progress) {
      super(new java.io.BufferedOutputStream(out, 1 << 16));
      this.id = id;
      this.total = total;
      this.progress = progress;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      written += len;
      if (written - reported >= 512 * 1024) {
        reported = written;
        progress.accept(new PullProgress(id, "Downloading", written, total));
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
