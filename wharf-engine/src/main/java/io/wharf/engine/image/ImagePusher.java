package io.wharf.engine.image;

import io.wharf.engine.archive.GzipSource;
import io.wharf.engine.state.ImageRow;
import io.wharf.engine.state.ImageTable;
import io.wharf.engine.state.LayerBlobTable;
import io.wharf.engine.state.LayerRow;
import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.Json;
import io.wharf.registry.client.Descriptor;
import io.wharf.registry.client.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * {@code docker push}: the layers (up to {@code max-concurrent-uploads} at once; skipped when the
 * registry has them, mounted from another repository of the same registry when an image here
 * came from or went to one), the config, then an OCI image manifest naming them; the repo digest
 * the registry answers is recorded. Layers go gzipped ({@code application/vnd.oci.image.layer.v1.tar+gzip},
 * compressed while they stream, their digests remembered in {@link LayerBlobTable}), except to a
 * loopback registry, which gets the uncompressed tars the content store keeps: their digests are
 * their diff IDs and nothing is compressed. Thread-safe.
 */
final class ImagePusher {
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String LAYER = "application/vnd.oci.image.layer.v1.tar";
  static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  /** The {@link LayerBlobTable} key of a layer's gzip form, whatever media type named it. */
  static final String GZIP = "gzip";

  private final ImageCatalog catalog;
  private final int maxUploads;

  ImagePusher(ImageCatalog catalog, int maxUploads) {
    this.catalog = catalog;
    this.maxUploads = maxUploads;
  }

  /**
   * Pushes {@code row} as {@code ref} (which has a tag); {@code progress} is called by one
   * thread at a time. Returns the {@code aux} message: tag, manifest digest and size.
   */
  Map<String, Object> push(RegistryClient client, ImageReference ref, ImageRow row, Consumer<PullProgress> progress)
      throws IOException {
    boolean compress = !RegistryClient.isLoopback(ref.domain());
    Map<Digest, String> sources = mountSources(ref);
    List<LayerRow> order = row.layers().reversed();
    for (LayerRow layer : order) {
      progress.accept(PullProgress.layer(layer.diffId().shortId(), "Preparing"));
    }
    Semaphore slots = new Semaphore(maxUploads);
    Map<Digest, Descriptor> sent = new java.util.concurrent.ConcurrentHashMap<>();
    try (ExecutorService uploads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> tasks = new ArrayList<>();
      int queued = 0;
      for (LayerRow layer : order) {
        if (queued++ >= maxUploads) {
          progress.accept(PullProgress.layer(layer.diffId().shortId(), "Waiting"));
        }
        tasks.add(uploads.submit(() -> {
          sent.put(layer.diffId(), upload(client, ref, layer.diffId(), compress, sources.get(layer.diffId()), slots,
              progress));
          return null;
        }));
      }
      try {
        for (Future<?> upload : tasks) {
          LayerTransfers.await(upload, "push");
        }
      } finally {
        uploads.shutdownNow();
      }
    }
    byte[] config = catalog.toImage(row).configBytes();
    Descriptor configDescriptor = new Descriptor(CONFIG, row.id(), config.length, List.of());
    client.pushBlob(ref, configDescriptor, () -> new java.io.ByteArrayInputStream(config), null);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MANIFEST);
    manifest.put("config", descriptor(configDescriptor));
    manifest.put("layers", row.layers().stream().map(l -> descriptor(sent.get(l.diffId()))).toList());
    byte[] bytes = Json.MAPPER.writeValueAsBytes(manifest);
    Digest digest = client.pushManifest(ref, bytes, MANIFEST);
    String repoDigest = ref.repository().toString() + "@" + digest;
    catalog.state().transaction(c -> {
      ImageTable.repoDigest(c, repoDigest, row.id());
      return null;
    });
    progress.accept(PullProgress.of(ref.tag() + ": digest: " + digest + " size: " + bytes.length));
    Map<String, Object> aux = new LinkedHashMap<>();
    aux.put("Tag", ref.tag());
    aux.put("Digest", digest.toString());
    aux.put("Size", bytes.length);
    return aux;
  }

  /**
   * Sends one layer and returns the descriptor the manifest names it by: the tar itself for a
   * loopback registry (compressing costs more than the bytes it saves there), else its gzip,
   * as Docker pushes. A gzip whose digest is known (pulled so, or pushed before) is looked for
   * and mounted before anything is compressed; an unknown one is compressed while it streams.
   */
  private Descriptor upload(RegistryClient client, ImageReference ref, Digest diffId, boolean compress,
      String mountFrom, Semaphore slots, Consumer<PullProgress> progress) throws IOException, InterruptedException {
    slots.acquire();
    try {
      String shortId = diffId.shortId();
      if (!compress) {
        Descriptor tar = new Descriptor(LAYER, diffId, catalog.content().size(diffId), List.of());
        progress.accept(PullProgress.layer(shortId, status(client.uploadBlob(ref, tar, () -> open(diffId), mountFrom),
            mountFrom)));
        return tar;
      }
      LayerBlobTable.LayerBlob known = catalog.state().transaction(c -> LayerBlobTable.get(c, diffId, GZIP));
      if (known != null) {
        Descriptor gzip = new Descriptor(LAYER_GZIP, known.digest(), known.size(), List.of());
        try {
          progress.accept(PullProgress.layer(shortId, status(client.uploadBlob(ref, gzip,
              () -> GzipSource.of(open(diffId)), mountFrom), mountFrom)));
          return gzip;
        } catch (io.wharf.registry.client.RegistryException e) {
          if (e instanceof io.wharf.registry.client.RegistryAuthException) {
            throw e;
          }
          // this JDK compresses it to other bytes than the recorded ones: stream it anew below
        }
      }
      progress.accept(PullProgress.layer(shortId, "Pushing"));
      Descriptor gzip;
      try (InputStream compressed = GzipSource.of(open(diffId))) {
        gzip = client.streamBlob(ref, LAYER_GZIP, compressed);
      }
      catalog.state().transaction(c -> {
        LayerBlobTable.put(c, diffId, GZIP, gzip.digest(), gzip.size());
        return null;
      });
      progress.accept(PullProgress.layer(shortId, "Pushed"));
      return gzip;
    } finally {
      slots.release();
    }
  }

  private static String status(io.wharf.registry.client.BlobPush push, String mountFrom) {
    return switch (push) {
      case UPLOADED -> "Pushed";
      case PRESENT -> "Layer already exists";
      case MOUNTED -> "Mounted from " + mountFrom;
    };
  }

  /**
   * For each layer, a repository of {@code ref}'s registry that has it: one an image holding
   * the layer was pulled from or pushed to (its repo digests), other than {@code ref}'s own.
   */
  private Map<Digest, String> mountSources(ImageReference ref) {
    Map<Digest, String> sources = new HashMap<>();
    for (ImageRow image : catalog.rows()) {
      for (String repoDigest : image.repoDigests()) {
        ImageReference source = ImageReference.parse(repoDigest);
        if (source.domain().equals(ref.domain()) && !source.path().equals(ref.path())) {
          image.layers().forEach(layer -> sources.putIfAbsent(layer.diffId(), source.path()));
        }
      }
    }
    return sources;
  }

  private java.io.InputStream open(Digest digest) {
    try {
      return catalog.content().open(digest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> descriptor(Descriptor d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mediaType", d.mediaType());
    out.put("digest", d.digest().toString());
    out.put("size", d.size());
    return out;
  }
}
