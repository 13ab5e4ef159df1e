package io.wharf.engine.image;

import io.wharf.engine.state.ImageRow;
import io.wharf.engine.state.LayerRow;
import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.Json;
import io.wharf.oci.image.ArchiveManifestEntry;
import io.wharf.oci.image.Descriptor;
import io.wharf.oci.image.ImageIndex;
import io.wharf.oci.image.Manifest;
import io.wharf.oci.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker save}: one tar that is both a Docker archive ({@code manifest.json},
 * {@code repositories}) and an OCI image layout ({@code oci-layout}, {@code index.json},
 * {@code blobs/sha256/…}), as Docker 25 and later write it. Layers are streamed from the
 * content store, never held in memory. Thread-safe.
 */
final class ArchiveSaver {
  private final ImageCatalog catalog;

  ArchiveSaver(ImageCatalog catalog) {
    this.catalog = catalog;
  }

  /** An image to save and the tags it is saved under. */
  private record Selected(ImageRow row, List<ImageReference> tags) {}

  void save(List<String> names, OutputStream out) throws IOException {
    // Resolve every name before the first byte: an unknown name fails the whole save cleanly.
    Map<Digest, Selected> selected = new LinkedHashMap<>();
    for (String name : names) {
      ImageRow row = catalog.resolve(name);
      Selected s = selected.computeIfAbsent(row.id(), id -> new Selected(row, new ArrayList<>()));
      for (ImageReference tag : tagsNamed(name, row)) {
        if (!s.tags().contains(tag)) {
          s.tags().add(tag);
        }
      }
    }
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    Set<Digest> written = new HashSet<>();
    List<Descriptor> indexEntries = new ArrayList<>();
    List<ArchiveManifestEntry> archiveEntries = new ArrayList<>();
    Map<String, Map<String, String>> repositories = new LinkedHashMap<>();
    directory(tar, "blobs/");
    directory(tar, "blobs/sha256/");
    for (Selected s : selected.values()) {
      ImageRow row = s.row();
      byte[] config = catalog.content().read(row.id());
      blob(tar, row.id(), written);
      List<Descriptor> layers = new ArrayList<>();
      List<String> layerPaths = new ArrayList<>();
      for (LayerRow layer : row.layers()) {
        blob(tar, layer.diffId(), written);
        layers.add(Descriptor.of(MediaTypes.OCI_LAYER, layer.diffId(), catalog.content().size(layer.diffId())));
        layerPaths.add("blobs/sha256/" + layer.diffId().hex());
      }
      byte[] manifest = Json.MAPPER.writeValueAsBytes(new Manifest(2, MediaTypes.OCI_MANIFEST,
          Descriptor.of(MediaTypes.OCI_CONFIG, row.id(), config.length), layers, null, null));
      Digest manifestDigest = Digest.of(manifest);
      bytes(tar, "blobs/sha256/" + manifestDigest.hex(), manifest, written.add(manifestDigest));
      Descriptor manifestDescriptor = Descriptor.of(MediaTypes.OCI_MANIFEST, manifestDigest, manifest.length);
      if (s.tags().isEmpty()) {
        indexEntries.add(manifestDescriptor);
      }
      List<String> repoTags = new ArrayList<>();
      for (ImageReference tag : s.tags()) {
        indexEntries.add(manifestDescriptor.withAnnotations(Map.of(
            "io.containerd.image.name", tag.toString(),
            "org.opencontainers.image.ref.name", tag.tag())));
        repoTags.add(tag.familiarString());
        if (!row.layers().isEmpty()) {
          repositories.computeIfAbsent(tag.familiarName(), k -> new LinkedHashMap<>())
              .put(tag.tag(), row.layers().getLast().diffId().hex());
        }
      }
      archiveEntries.add(new ArchiveManifestEntry("blobs/sha256/" + row.id().hex(),
          repoTags.isEmpty() ? null : repoTags, layerPaths, null));
    }
    bytes(tar, "index.json", Json.MAPPER.writeValueAsBytes(new ImageIndex(2, MediaTypes.OCI_INDEX, indexEntries, null)), true);
    bytes(tar, "manifest.json", Json.MAPPER.writeValueAsBytes(archiveEntries), true);
    bytes(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
    if (!repositories.isEmpty()) {
      bytes(tar, "repositories", Json.MAPPER.writeValueAsBytes(repositories), true);
    }
    tar.finish();
    tar.flush();
  }

  /**
   * The tags {@code name} selects of {@code row}, as Docker picks them: a tag names itself; a
   * bare repository all the image's tags in it; an ID none.
   */
  private static List<ImageReference> tagsNamed(String name, ImageRow row) {
    List<ImageReference> tags = new ArrayList<>();
    if (Digest.isDigest(name) || row.id().hex().startsWith(name.replace("sha256:", ""))) {
      return tags;
    }
    ImageReference ref = ImageReference.parse(name);
    for (String canonical : row.tags()) {
      ImageReference tag = ImageReference.parse(canonical);
      if (ref.tag() != null ? tag.equals(ref) : ref.digest() == null && tag.name().equals(ref.name())) {
        tags.add(tag);
      }
    }
    return tags;
  }

  private void blob(TarArchiveOutputStream tar, Digest digest, Set<Digest> written) throws IOException {
    if (!written.add(digest)) {
      return;
    }
    TarArchiveEntry entry = new TarArchiveEntry("blobs/sha256/" + digest.hex());
    entry.setSize(catalog.content().size(digest));
    entry.setMode(0100644);
    entry.setModTime(0);
    tar.putArchiveEntry(entry);
    try (InputStream in = catalog.content().open(digest)) {
      in.transferTo(tar);
    }
    tar.closeArchiveEntry();
  }

  private static void bytes(TarArchiveOutputStream tar, String name, byte[] bytes, boolean write) throws IOException {
    if (!write) {
      return;
    }
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    entry.setMode(0100644);
    entry.setModTime(0);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(040755);
    entry.setModTime(0);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }
}
