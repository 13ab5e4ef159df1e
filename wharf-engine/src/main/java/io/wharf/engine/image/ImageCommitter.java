package io.wharf.engine.image;

import io.wharf.engine.state.ImageRow;
import io.wharf.engine.state.LayerRow;
import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.image.ContainerConfig;
import io.wharf.oci.image.ImageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker commit} and the builder's steps: the parent image's layers (none for a null
 * parent: {@code FROM scratch}) plus one layer of changes (none for a null layer: a step that
 * changes only the config, recorded as an {@code empty_layer} history entry), with the given
 * config (and {@code changes}) as the image's, and one more history entry. A null author keeps
 * the parent's. Everything is checked before a byte is stored. Thread-safe (the catalog's lock).
 */
final class ImageCommitter {
  /** What {@code FROM scratch} starts from: no layers, no history, this host's platform. */
  private static final ImageConfig SCRATCH = new ImageConfig(null, null, "amd64", "linux", null, null,
      new ImageConfig.RootFs("layers", List.of()), List.of());

  private final ImageCatalog catalog;

  ImageCommitter(ImageCatalog catalog) {
    this.catalog = catalog;
  }

  Image commit(InputStream layerTar, CommitRequest request) throws IOException {
    ImageReference tag = request.reference() == null || request.reference().isEmpty() ? null
        : ImageReference.parse(request.reference()).withDefaultTag();
    if (tag != null && tag.digest() != null) {
      throw new InvalidArgument("invalid reference format: cannot commit to a digest reference");
    }
    ContainerConfig config = ConfigChanges.apply(request.config(), request.changes());
    var lock = catalog.contentLock().readLock();
    lock.lock();
    try {
      ImageRow parent = request.parentImage() == null ? null : catalog.resolve(request.parentImage());
      ImageConfig parentConfig = parent == null ? SCRATCH : catalog.config(parent.id());
      List<LayerRow> layers = parent == null ? List.of() : parent.layers();
      Digest parentChain = layers.isEmpty() ? null : layers.getLast().chainId();
      LayerRow layer = layerTar == null ? null : catalog.addLayer(parentChain, layerTar, null);
      String created = ImageImporter.RFC3339_NANO.format(Instant.now());
      List<String> diffIds = new ArrayList<>(parentConfig.rootfs().diffIds());
      List<LayerRow> all = new ArrayList<>(layers);
      if (layer != null) {
        diffIds.add(layer.diffId().toString());
        all.add(layer);
      }
      List<ImageConfig.History> history = new ArrayList<>(parentConfig.history() == null ? List.of()
          : parentConfig.history());
      history.add(new ImageConfig.History(created, request.createdBy(), emptyToNull(request.author()),
          emptyToNull(request.comment()), layer == null ? Boolean.TRUE : null));
      String author = request.author() != null ? emptyToNull(request.author()) : parentConfig.author();
      ImageConfig image = new ImageConfig(created, author, parentConfig.architecture(),
          parentConfig.os(), parentConfig.variant(), config, new ImageConfig.RootFs("layers", diffIds), history);
      Digest id = catalog.content().write(Json.MAPPER.writeValueAsBytes(image));
      return catalog.toImage(catalog.record(id, parent == null ? null : parent.id(), all,
          tag == null ? List.of() : List.of(tag)));
    } finally {
      lock.unlock();
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
