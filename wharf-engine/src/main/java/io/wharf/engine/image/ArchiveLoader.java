package io.wharf.engine.image;

import io.wharf.engine.archive.Compression;
import io.wharf.engine.state.LayerRow;
import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.image.ArchiveManifestEntry;
import io.wharf.oci.image.Descriptor;
import io.wharf.oci.image.ImageConfig;
import io.wharf.oci.image.ImageIndex;
import io.wharf.oci.image.Manifest;
import io.wharf.oci.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code docker load}: the images of a Docker archive ({@code manifest.json}) or OCI layout
 * ({@code index.json}) tar. One streaming pass spools every file of the archive into the
 * content store (so each is digested as it arrives) and unpacks each layer aside as it passes
 * ({@link ArchiveSpool}); then the images are assembled, every layer checked against the diff
 * ID its config names and made the snapshot of its chain, and recorded. A layer the pass did
 * not unpack (a second use of one file, a file here already) is unpacked from its blob. Whatever
 * the archive held that no image uses is removed again (staged layers included), and so is
 * everything after a failure: a broken archive leaves nothing behind. Thread-safe.
 */
final class ArchiveLoader {
  private final ImageCatalog catalog;

  ArchiveLoader(ImageCatalog catalog) {
    this.catalog = catalog;
  }

  void load(InputStream archive, Consumer<String> progress) throws IOException {
    Set<Digest> snapshotsBefore = catalog.snapshots().list();
    List<String> lines = new ArrayList<>();
    ArchiveSpool spool = new ArchiveSpool(catalog.content(), catalog.snapshots());
    boolean ok = false;
    try (spool) {
      var lock = catalog.contentLock().readLock();
      lock.lock();
      try {
        spool.read(Compression.decompress(archive));
        if (spool.metadata("manifest.json") != null) {
          loadDockerArchive(spool, lines);
        } else if (spool.metadata("index.json") != null) {
          loadOciLayout(spool, lines);
        } else {
          throw new InvalidArgument("invalid archive: it holds neither manifest.json nor index.json");
        }
        ok = true;
      } finally {
        lock.unlock();
      }
    } finally {
      var writeLock = catalog.contentLock().writeLock();
      writeLock.lock();
      try {
        Set<Digest> newSnapshots = new HashSet<>(catalog.snapshots().list());
        newSnapshots.removeAll(snapshotsBefore);
        catalog.collectGarbage(spool.blobs(), ok ? Set.of() : newSnapshots);
      } finally {
        writeLock.unlock();
      }
    }
    lines.forEach(progress);
  }

  private void loadDockerArchive(ArchiveSpool spool, List<String> lines) throws IOException {
    ArchiveManifestEntry[] entries = parse(spool.metadata("manifest.json"), ArchiveManifestEntry[].class, "manifest.json");
    for (ArchiveManifestEntry entry : entries) {
      if (entry.config() == null || entry.layers() == null) {
        throw new InvalidArgument("invalid archive: manifest.json entry without Config or Layers");
      }
      Digest configDigest = spool.file(entry.config());
      List<Digest> layerBlobs = new ArrayList<>();
      for (String layer : entry.layers()) {
        layerBlobs.add(spool.file(layer));
      }
      List<ImageReference> tags = new ArrayList<>();
      for (String tag : entry.repoTags() == null ? List.<String>of() : entry.repoTags()) {
        tags.add(ImageReference.parse(tag).withDefaultTag());
      }
      commit(spool, configDigest, layerBlobs, tags, lines);
    }
  }

  private void loadOciLayout(ArchiveSpool spool, List<String> lines) throws IOException {
    ImageIndex index = parse(spool.metadata("index.json"), ImageIndex.class, "index.json");
    Map<Digest, List<ImageReference>> images = new LinkedHashMap<>();
    Map<Digest, Manifest> manifests = new HashMap<>();
    for (Descriptor descriptor : index.manifests() == null ? List.<Descriptor>of() : index.manifests()) {
      Manifest manifest = manifest(spool, descriptor);
      manifests.put(manifest.config().digest(), manifest);
      List<ImageReference> tags = images.computeIfAbsent(manifest.config().digest(), d -> new ArrayList<>());
      String name = descriptor.annotations() == null ? null : descriptor.annotations().get("io.containerd.image.name");
      if (name != null) {
        tags.add(ImageReference.parse(name).withDefaultTag());
      }
    }
    for (Map.Entry<Digest, List<ImageReference>> image : images.entrySet()) {
      List<Digest> layerBlobs = new ArrayList<>();
      for (Descriptor layer : manifests.get(image.getKey()).layers()) {
        layerBlobs.add(spool.file("blobs/sha256/" + layer.digest().hex()));
      }
      commit(spool, spool.file("blobs/sha256/" + image.getKey().hex()), layerBlobs, image.getValue(), lines);
    }
  }

  /** The linux/amd64 image manifest a descriptor names, through a nested index if need be. */
  private Manifest manifest(ArchiveSpool spool, Descriptor descriptor) throws IOException {
    byte[] bytes = catalog.content().read(spool.file("blobs/sha256/" + descriptor.digest().hex()));
    if (MediaTypes.isIndex(descriptor.mediaType())) {
      ImageIndex nested = parse(bytes, ImageIndex.class, descriptor.digest().toString());
      for (Descriptor candidate : nested.manifests()) {
        if (candidate.platform() == null || ("linux".equals(candidate.platform().os())
            && "amd64".equals(candidate.platform().architecture()))) {
          return manifest(spool, candidate);
        }
      }
      throw new InvalidArgument("invalid archive: no linux/amd64 image in " + descriptor.digest());
    }
    Manifest manifest = parse(bytes, Manifest.class, descriptor.digest().toString());
    if (manifest.config() == null || manifest.layers() == null) {
      throw new InvalidArgument("invalid archive: manifest " + descriptor.digest() + " has no config or layers");
    }
    return manifest;
  }

  private void commit(ArchiveSpool spool, Digest configDigest, List<Digest> layerBlobs, List<ImageReference> tags,
      List<String> lines) throws IOException {
    ImageConfig config = parse(catalog.content().read(configDigest), ImageConfig.class, "image config " + configDigest);
    List<String> diffIds = config.rootfs() == null || config.rootfs().diffIds() == null ? List.of()
        : config.rootfs().diffIds();
    if (diffIds.size() != layerBlobs.size()) {
      throw new InvalidArgument("invalid archive: image " + configDigest + " has " + layerBlobs.size()
          + " layers but its config names " + diffIds.size());
    }
    List<LayerRow> layers = new ArrayList<>();
    Digest chain = null;
    for (int i = 0; i < layerBlobs.size(); i++) {
      Digest diffId = Digest.parse(diffIds.get(i));
      ArchiveSpool.StagedLayer staged = spool.takeStaged(layerBlobs.get(i));
      LayerRow layer;
      if (staged != null) {
        layer = catalog.addStagedLayer(chain, staged.files(), staged.diffId(), diffId);
      } else {
        try (InputStream blob = catalog.content().open(layerBlobs.get(i))) {
          layer = catalog.addLayer(chain, Compression.decompress(blob), diffId);
        }
      }
      layers.add(layer);
      chain = layer.chainId();
    }
    catalog.record(configDigest, null, layers, tags);
    if (tags.isEmpty()) {
      lines.add("Loaded image ID: " + configDigest);
    }
    for (ImageReference tag : tags) {
      lines.add("Loaded image: " + tag.familiarString());
    }
  }

  private static <T> T parse(byte[] json, Class<T> type, String what) {
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (IOException e) {
      String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new InvalidArgument("invalid archive: " + what + " is not valid JSON: " + why, e);
    }
  }
}
