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
import io.wharf.registry.client.Descriptor;
import io.wharf.registry.client.RegistryClient;
import io.wharf.registry.client.ResolvedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code docker pull}: the manifest for linux/amd64, its config, and each layer not already
 * here, fetched (digest verified byte by byte), decompressed and unpacked as the snapshot of its
 * chain; then the image is recorded with its tag and repo digest in one transaction. Layers
 * present from an earlier pull or another image are not fetched again. Thread-safe (the
 * catalog's lock).
 */
final class ImagePuller {
  private final ImageCatalog catalog;
  private final Path scratch;

  ImagePuller(ImageCatalog catalog, Path scratch) {
    this.catalog = catalog;
    this.scratch = scratch;
  }

  Image pull(RegistryClient client, ImageReference ref, Consumer<PullProgress> progress) throws IOException {
    progress.accept(PullProgress.of((ref.digest() != null ? ref.digest().toString() : ref.tag()) + ": Pulling from "
        + ref.familiarName()));
    ResolvedImage resolved = client.resolve(ref);
    ByteArrayOutputStream configBytes = new ByteArrayOutputStream();
    client.fetchBlob(ref, resolved.config(), 0, configBytes);
    ImageConfig config = Json.MAPPER.readValue(configBytes.toByteArray(), ImageConfig.class);
    List<String> diffIds = config.rootfs() == null ? List.of() : config.rootfs().diffIds();
    if (diffIds.size() != resolved.layers().size()) {
      throw new InvalidArgument("image " + ref + " is corrupt: " + resolved.layers().size() + " layers and "
          + diffIds.size() + " diff IDs");
    }
    Digest imageId = Digest.of(configBytes.toByteArray());
    boolean upToDate = catalog.rows().stream().anyMatch(r -> r.id().equals(imageId));
    var lock = catalog.contentLock().readLock();
    lock.lock();
    try {
      List<LayerRow> layers = new ArrayList<>();
      Digest chain = null;
      for (int i = 0; i < diffIds.size(); i++) {
        Descriptor blob = resolved.layers().get(i);
        Digest diffId = Digest.parse(diffIds.get(i));
        String shortId = blob.digest().hex().substring(0, 12);
        Digest chainId = Snapshotter.chainId(chain, diffId);
        if (catalog.snapshots().exists(chainId) && catalog.content().exists(diffId)) {
          progress.accept(PullProgress.layer(shortId, "Already exists"));
          layers.add(new LayerRow(diffId, chainId, catalog.content().size(diffId)));
        } else {
          progress.accept(PullProgress.layer(shortId, "Pulling fs layer"));
          layers.add(fetchLayer(client, ref, blob, chain, diffId, shortId, progress));
        }
        chain = chainId;
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
    progress.accept(PullProgress.of("Status: " + (upToDate ? "Image is up to date for " : "Downloaded newer image for ")
        + ref.familiarString()));
    return catalog.toImage(catalog.resolve(imageId.toString()));
  }

  private LayerRow fetchLayer(RegistryClient client, ImageReference ref, Descriptor blob, Digest parentChain,
      Digest diffId, String shortId, Consumer<PullProgress> progress) throws IOException {
    Path download = Files.createTempFile(Files.createDirectories(scratch), "pull-", ".blob");
    try {
      try (OutputStream out = new ProgressStream(Files.newOutputStream(download), shortId, blob.size(), progress)) {
        client.fetchBlob(ref, blob, 0, out);
      }
      progress.accept(PullProgress.layer(shortId, "Download complete"));
      progress.accept(PullProgress.layer(shortId, "Extracting"));
      try (InputStream in = Compression.decompress(Files.newInputStream(download))) {
        LayerRow layer = catalog.addLayer(parentChain, in, diffId);
        progress.accept(PullProgress.layer(shortId, "Pull complete"));
        return layer;
      }
    } finally {
      Files.deleteIfExists(download);
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
