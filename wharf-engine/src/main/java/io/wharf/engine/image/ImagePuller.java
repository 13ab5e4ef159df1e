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
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
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
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code docker pull}: the manifest for the platform, its config, and each layer not already
 * here. Up to {@code max-concurrent-downloads} layers download at once, every byte
 * digest-verified ({@link LayerFetch}); they are decompressed and unpacked in order, each as the
 * snapshot of its chain. The layer next in that order (every layer below it unpacked) streams
 * from the registry straight into its unpack when its download has not begun yet; the others go
 * to scratch files, unpacked from there as soon as the layers below them are, while their
 * download may still be writing them ({@link GrowingFile}). The image is then
 * recorded with its tag and repo digest in one transaction. Layers present from an earlier pull
 * or another image are not fetched again. A crash mid-pull leaves scratch files, unfinished
 * blobs and snapshots, which the next start deletes, and finished ones no image references,
 * which its garbage collection deletes. Thread-safe (the catalog's lock).
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
    boolean upToDate = imageId.equals(catalog.state().transaction(c -> ref.digest() == null
        ? ImageTable.imageOfTag(c, ref.toString())
        : ImageTable.imageOfRepoDigest(c, ref.repository() + "@" + ref.digest())));
    var lock = catalog.contentLock().readLock();
    lock.lock();
    try (ExecutorService downloads = Executors.newVirtualThreadPerTaskExecutor()) {
      Semaphore slots = new Semaphore(maxDownloads);
      List<LayerFetch> fetches = new ArrayList<>();
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
          fetches.add(null);
          continue;
        }
        progress.accept(PullProgress.layer(shortId, "Pulling fs layer"));
        LayerFetch fetch = new LayerFetch(client, ref, blob, scratch, progress);
        if (queued == 0) {
          fetch.claimStream(); // the lowest missing layer: next to unpack from its first byte
        } else if (queued >= maxDownloads) {
          progress.accept(PullProgress.layer(shortId, "Waiting"));
        }
        queued++;
        fetch.start(downloads, slots);
        fetches.add(fetch);
      }
      List<LayerRow> layers = new ArrayList<>();
      try {
        for (int i = 0; i < diffIds.size(); i++) {
          Digest diffId = Digest.parse(diffIds.get(i));
          LayerFetch fetch = fetches.get(i);
          if (fetch == null) {
            layers.add(new LayerRow(diffId, chains.get(i), catalog.content().size(diffId)));
            continue;
          }
          Digest parent = i == 0 ? null : chains.get(i - 1);
          String shortId = resolved.layers().get(i).digest().shortId();
          layers.add(unpack(fetch, parent, diffId));
          rememberGzip(diffId, resolved.layers().get(i));
          progress.accept(PullProgress.layer(shortId, "Pull complete"));
        }
      } finally {
        downloads.shutdownNow(); // a failed layer stops the others
        downloads.close(); // waits for them, so that every file they wrote is deleted below
        for (LayerFetch fetch : fetches) {
          if (fetch != null) {
            fetch.discard();
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

  /**
   * A layer unpacked as its compressed bytes arrive: straight from its download when it was
   * claimed before the download began, else from its scratch file, however far the download got
   * (the file goes once it is unpacked). The stream ends only after the download verified the
   * blob's digest, so a blob that is not the one the manifest names leaves no blob and no snapshot.
   */
  private LayerRow unpack(LayerFetch fetch, Digest parent, Digest diffId) throws IOException {
    try (BufferedInputStream compressed = new BufferedInputStream(
            fetch.claimStream() ? fetch.stream() : fetch.follow(), 1 << 16);
        InputStream tar = endingWith(Compression.decompress(compressed), compressed)) {
      LayerRow layer = catalog.addLayer(parent, tar, diffId);
      tar.transferTo(OutputStream.nullOutputStream()); // unread when the layer's tar was stored already
      return layer;
    } catch (IOException | RuntimeException e) {
      fetch.rethrowDownloadFailure();
      throw e;
    } finally {
      Path file = fetch.scratchFile();
      if (file != null) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** {@code decompressed}, whose end comes only at the end of {@code compressed}, the stream it decompresses. */
  private static InputStream endingWith(InputStream decompressed, InputStream compressed) {
    return new FilterInputStream(decompressed) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
          compressed.transferTo(OutputStream.nullOutputStream());
        }
        return b;
      }

      @Override
      public int read(byte[] bytes, int off, int len) throws IOException {
        int n = super.read(bytes, off, len);
        if (n < 0) {
          compressed.transferTo(OutputStream.nullOutputStream());
        }
        return n;
      }
    };
  }
}
