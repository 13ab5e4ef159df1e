package io.wharf.engine.image;

import io.wharf.engine.state.ImageRow;
import io.wharf.engine.state.ImageTable;
import io.wharf.engine.state.LayerRow;
import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.Json;
import io.wharf.registry.client.Descriptor;
import io.wharf.registry.client.RegistryClient;
import java.io.IOException;
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
 * the registry answers is recorded. Layers go as the uncompressed tars the content store keeps
 * ({@code application/vnd.oci.image.layer.v1.tar}): no compression on the way, and their digests
 * are their diff IDs. Thread-safe.
 */
final class ImagePusher {
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String LAYER = "application/vnd.oci.image.layer.v1.tar";

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
    List<Descriptor> layers = new ArrayList<>();
    for (LayerRow layer : row.layers()) {
      long size = catalog.content().size(layer.diffId());
      layers.add(new Descriptor(LAYER, layer.diffId(), size, List.of()));
    }
    Map<Digest, String> sources = mountSources(ref);
    List<Descriptor> order = layers.reversed();
    for (Descriptor d : order) {
      progress.accept(PullProgress.layer(LayerTransfers.shortId(d), "Preparing"));
    }
    Semaphore slots = new Semaphore(maxUploads);
    try (ExecutorService uploads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> sent = new ArrayList<>();
      int queued = 0;
      for (Descriptor d : order) {
        if (queued++ >= maxUploads) {
          progress.accept(PullProgress.layer(LayerTransfers.shortId(d), "Waiting"));
        }
        sent.add(uploads.submit(() -> upload(client, ref, d, sources.get(d.digest()), slots, progress)));
      }
      try {
        for (Future<?> upload : sent) {
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
    manifest.put("layers", layers.stream().map(ImagePusher::descriptor).toList());
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

  private Void upload(RegistryClient client, ImageReference ref, Descriptor layer, String mountFrom, Semaphore slots,
      Consumer<PullProgress> progress) throws IOException, InterruptedException {
    slots.acquire();
    try {
      String status = switch (client.uploadBlob(ref, layer, () -> open(layer.digest()), mountFrom)) {
        case UPLOADED -> "Pushed";
        case PRESENT -> "Layer already exists";
        case MOUNTED -> "Mounted from " + mountFrom;
      };
      progress.accept(PullProgress.layer(LayerTransfers.shortId(layer), status));
      return null;
    } finally {
      slots.release();
    }
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
