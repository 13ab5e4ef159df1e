package io.wharf.engine.image;

import io.wharf.engine.archive.Compression;
import io.wharf.engine.archive.RootedPath;
import io.wharf.engine.content.ContentWriter;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * {@code docker load}: the images of a Docker archive ({@code manifest.json}) or OCI layout
 * ({@code index.json}) tar. One streaming pass spools every file of the archive into the
 * content store (so each is digested as it arrives); then the images are assembled, every
 * layer checked against the diff ID its config names, and recorded. Whatever the archive
 * held that no image uses is removed again, and so is everything after a failure: a broken
 * archive leaves nothing behind. Thread-safe.
 */
final class ArchiveLoader {
  private static final long MAX_METADATA = 16 << 20;
  private static final Set<String> METADATA = Set.of("manifest.json", "index.json", "oci-layout", "repositories");
  private final ImageCatalog catalog;

  ArchiveLoader(ImageCatalog catalog) {
    this.catalog = catalog;
  }

  /** What one pass over the archive found: metadata files by name, other files spooled as blobs. */
  private record Spool(Map<String, byte[]> metadata, Map<String, Digest> files, Map<String, String> links) {
    Digest file(String name) {
      String path = RootedPath.clean(name);
      for (int hops = 0; links.containsKey(path) && hops < 16; hops++) {
        String target = links.get(path);
        int slash = path.lastIndexOf('/');
        path = RootedPath.clean(target.startsWith("/") ? target : (slash < 0 ? "" : path.substring(0, slash + 1)) + target);
      }
      Digest digest = files.get(path);
      if (digest == null) {
        throw new InvalidArgument("invalid archive: " + name + " is referenced but not in the archive");
      }
      return digest;
    }
  }

  void load(InputStream archive, Consumer<String> progress) throws IOException {
    Set<Digest> spooled = new HashSet<>();
    Set<Digest> snapshotsBefore = catalog.snapshots().list();
    List<String> lines = new ArrayList<>();
    var lock = catalog.contentLock().readLock();
    boolean ok = false;
    lock.lock();
    try {
      Spool spool = spool(Compression.decompress(archive), spooled);
      if (spool.metadata().containsKey("manifest.json")) {
        loadDockerArchive(spool, lines);
      } else if (spool.metadata().containsKey("index.json")) {
        loadOciLayout(spool, lines);
      } else {
        throw new InvalidArgument("invalid archive: it holds neither manifest.json nor index.json");
      }
      ok = true;
    } finally {
      lock.unlock();
      var writeLock = catalog.contentLock().writeLock();
      writeLock.lock();
      try {
        Set<Digest> newSnapshots = new HashSet<>(catalog.snapshots().list());
        newSnapshots.removeAll(snapshotsBefore);
        catalog.collectGarbage(spooled, ok ? Set.of() : newSnapshots);
      } finally {
        writeLock.unlock();
      }
    }
    lines.forEach(progress);
  }

  private Spool spool(InputStream tar, Set<Digest> spooled) throws IOException {
    Map<String, byte[]> metadata = new HashMap<>();
    Map<String, Digest> files = new HashMap<>();
    Map<String, String> links = new HashMap<>();
    try {
      TarArchiveInputStream entries = new TarArchiveInputStream(tar, StandardCharsets.UTF_8.name());
      TarArchiveEntry entry;
      while ((entry = entries.getNextEntry()) != null) {
        String name = RootedPath.clean(entry.getName());
        if (entry.isSymbolicLink() || entry.isLink()) {
          links.put(name, entry.getLinkName());
        } else if (entry.isFile() && METADATA.contains(name)) {
          if (entry.getSize() > MAX_METADATA) {
            throw new InvalidArgument("invalid archive: " + name + " is too large");
          }
          metadata.put(name, entries.readAllBytes());
        } else if (entry.isFile()) {
          try (ContentWriter writer = catalog.content().writer()) {
            entries.transferTo(writer);
            Digest expected = name.startsWith("blobs/sha256/") ? Digest.parse("sha256:" + name.substring(13)) : null;
            Digest digest = writer.commit(expected, entry.getSize());
            spooled.add(digest);
            files.put(name, digest);
          }
        }
      }
    } catch (InvalidArgument e) {
      throw e;
    } catch (IOException e) {
      if (e instanceof java.nio.file.FileSystemException) {
        throw e;
      }
      throw new InvalidArgument("invalid archive: " + e.getMessage(), e);
    }
    return new Spool(metadata, files, links);
  }

  private void loadDockerArchive(Spool spool, List<String> lines) throws IOException {
    ArchiveManifestEntry[] entries = parse(spool.metadata().get("manifest.json"), ArchiveManifestEntry[].class, "manifest.json");
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
      commit(configDigest, layerBlobs, tags, lines);
    }
  }

  private void loadOciLayout(Spool spool, List<String> lines) throws IOException {
    ImageIndex index = parse(spool.metadata().get("index.json"), ImageIndex.class, "index.json");
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
      commit(spool.file("blobs/sha256/" + image.getKey().hex()), layerBlobs, image.getValue(), lines);
    }
  }

  /** The linux/amd64 image manifest a descriptor names, through a nested index if need be. */
  private Manifest manifest(Spool spool, Descriptor descriptor) throws IOException {
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

  private void commit(Digest configDigest, List<Digest> layerBlobs, List<ImageReference> tags, List<String> lines)
      throws IOException {
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
      try (InputStream blob = catalog.content().open(layerBlobs.get(i))) {
        LayerRow layer = catalog.addLayer(chain, Compression.decompress(blob), Digest.parse(diffIds.get(i)));
        layers.add(layer);
        chain = layer.chainId();
      }
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
