package io.wharf.engine.image;

import io.wharf.engine.archive.Compression;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code docker import}: a root file system tar (compressed or not) becomes a one-layer image
 * whose config carries the {@code -c} changes. Thread-safe.
 */
final class ImageImporter {
  /** RFC 3339 with nanoseconds, as Go's time.RFC3339Nano writes UTC times. */
  static final DateTimeFormatter RFC3339_NANO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'")
      .withZone(ZoneOffset.UTC);
  private final ImageCatalog catalog;

  ImageImporter(ImageCatalog catalog) {
    this.catalog = catalog;
  }

  Image importImage(InputStream tar, ImportRequest request) throws IOException {
    // Everything the request says is checked before a byte is stored.
    ImageReference tag = request.reference() == null || request.reference().isEmpty() ? null
        : ImageReference.parse(request.reference()).withDefaultTag();
    if (tag != null && tag.digest() != null) {
      throw new InvalidArgument("cannot import digest reference");
    }
    ContainerConfig config = ConfigChanges.apply(ContainerConfig.empty(), request.changes());
    String[] platform = platform(request.platform());
    String created = RFC3339_NANO.format(Instant.now());
    String comment = request.message() == null || request.message().isEmpty() ? "Imported from -" : request.message();

    var lock = catalog.contentLock().readLock();
    lock.lock();
    try {
      LayerRow layer = catalog.addLayer(null, Compression.decompress(tar), null);
      ImageConfig image = new ImageConfig(created, null, platform[1], platform[0], platform[2], config,
          new ImageConfig.RootFs("layers", List.of(layer.diffId().toString())),
          List.of(new ImageConfig.History(created, null, null, comment, null)));
      Digest id = catalog.content().write(Json.MAPPER.writeValueAsBytes(image));
      return catalog.toImage(catalog.record(id, null, List.of(layer), tag == null ? List.of() : List.of(tag)));
    } finally {
      lock.unlock();
    }
  }

  /** {@code os/arch[/variant]} → {os, arch, variant}; Wharf runs linux/amd64 images. */
  static String[] platform(String text) {
    if (text == null || text.isEmpty()) {
      return new String[] {"linux", "amd64", null};
    }
    String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("/");
    if (parts.length > 3 || !parts[0].equals("linux")) {
      throw new InvalidArgument("\"" + text + "\": unsupported platform: only linux images are supported");
    }
    String arch = parts.length > 1 ? parts[1] : "amd64";
    return new String[] {"linux", arch.equals("x86_64") || arch.equals("x86-64") ? "amd64" : arch,
        parts.length > 2 ? parts[2] : null};
  }
}
