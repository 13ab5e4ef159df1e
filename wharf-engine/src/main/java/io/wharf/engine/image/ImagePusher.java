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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code docker push}: each layer (skipped when the registry has it), the config, then an OCI
 * image manifest naming them; the repo digest the registry answers is recorded. Layers go as
 * the uncompressed tars the content store keeps ({@code application/vnd.oci.image.layer.v1.tar}):
 * no compression on the way, and their digests are their diff IDs. Thread-safe.
 */
final class ImagePusher {
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String LAYER = "application/vnd.oci.image.layer.v1.tar";

  private final ImageCatalog catalog;

  ImagePusher(ImageCatalog catalog) {
    this.catalog = catalog;
  }

  /** Returns the manifest's digest and size. */
  Map<String, Object> push(RegistryClient client, ImageReference ref, ImageRow row, Consumer<PullProgress> progress)
      throws IOException {
    progress.accept(PullProgress.of("The push refers to repository [" + ref.repository().name() + "]"));
    List<Descriptor> layers = new ArrayList<>();
    for (LayerRow layer : row.layers()) {
      long size = catalog.content().size(layer.diffId());
      layers.add(new Descriptor(LAYER, layer.diffId(), size, List.of()));
    }
    for (Descriptor d : layers.reversed()) {
      progress.accept(PullProgress.layer(d.digest().hex().substring(0, 12), "Preparing"));
    }
    for (Descriptor d : layers.reversed()) {
      String shortId = d.digest().hex().substring(0, 12);
      boolean uploaded = client.pushBlob(ref, d, () -> open(d.digest()), null);
      progress.accept(PullProgress.layer(shortId, uploaded ? "Pushed" : "Layer already exists"));
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
    String tag = ref.tag() == null ? "latest" : ref.tag();
    progress.accept(PullProgress.of(tag + ": digest: " + digest + " size: " + bytes.length));
    Map<String, Object> aux = new LinkedHashMap<>();
    aux.put("Tag", tag);
    aux.put("Digest", digest.toString());
    aux.put("Size", bytes.length);
    return aux;
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
