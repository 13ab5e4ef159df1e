package io.wharf.engine.image;

import io.wharf.engine.content.ContentStore;
import io.wharf.engine.snapshot.Snapshotter;
import io.wharf.engine.state.ImageRow;
import io.wharf.engine.state.ImageTable;
import io.wharf.engine.state.LayerRow;
import io.wharf.engine.state.StateStore;
import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import io.wharf.oci.errors.SystemError;
import io.wharf.oci.image.ImageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;

/**
 * The images of one data root: their records (SQLite), configurations and layers (content
 * store) and unpacked layers (snapshots), with name resolution as Docker does it and the
 * garbage collection of what no image references any more.
 *
 * <p>Locking: writers of new content (import, load) hold the {@link #contentLock() read side}
 * while they write blobs and snapshots and record the image; deleters hold the write side, so
 * that a collection never removes a blob an unfinished import is about to reference.
 * Thread-safe.
 */
final class ImageCatalog {
  private static final Pattern ID_PREFIX = Pattern.compile("(sha256:)?[a-f0-9]{1,64}");
  private final StateStore state;
  private final ContentStore content;
  private final Snapshotter snapshots;
  private final Map<Digest, ImageConfig> configs = new ConcurrentHashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  ImageCatalog(StateStore state, ContentStore content, Snapshotter snapshots) {
    this.state = state;
    this.content = content;
    this.snapshots = snapshots;
  }

  StateStore state() {
    return state;
  }

  ContentStore content() {
    return content;
  }

  Snapshotter snapshots() {
    return snapshots;
  }

  ReadWriteLock contentLock() {
    return lock;
  }

  List<ImageRow> rows() {
    return state.transaction(ImageTable::all);
  }

  /** The image {@code name} names (reference, full ID or unique ID prefix), or NotFound. */
  ImageRow resolve(String name) {
    // lookups by key, not a read of every image: a cached build step resolves its image by ID,
    // and the store holds every step's image
    ImageReference ref = null;
    if (!Digest.isDigest(name)) {
      try {
        ref = ImageReference.parse(name).withDefaultTag();
      } catch (InvalidArgument e) {
        if (!ID_PREFIX.matcher(name).matches()) {
          throw e;
        }
      }
    }
    String canonical = ref == null ? null : ref.toString();
    ImageRow row = state.transaction(c -> {
      Digest id = Digest.isDigest(name) ? Digest.parse(name) : null;
      if (canonical != null) {
        id = ImageTable.imageOfTag(c, canonical);
        id = id != null ? id : ImageTable.imageOfRepoDigest(c, canonical);
      }
      if (id == null && !Digest.isDigest(name) && ID_PREFIX.matcher(name).matches()) {
        List<Digest> matches = ImageTable.idsStartingWith(c, name.startsWith("sha256:") ? name : "sha256:" + name);
        id = matches.size() == 1 ? matches.getFirst() : null;
      }
      return id == null ? null : ImageTable.one(c, id);
    });
    if (row == null) {
      throw new NotFound("No such image: " + (ref != null ? ref.familiarString() : name));
    }
    return row;
  }

  ImageConfig config(Digest id) {
    return configs.computeIfAbsent(id, d -> {
      try {
        return Json.MAPPER.readValue(content.read(d), ImageConfig.class);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  Image toImage(ImageRow row) {
    ImageConfig config = config(row.id());
    byte[] bytes;
    try {
      bytes = content.read(row.id());
    } catch (IOException e) {
      throw new SystemError("cannot read the config of image " + row.id() + ": " + e.getMessage(), e);
    }
    return new Image(row.id(), familiar(row.tags()), familiar(row.repoDigests()), row.parent(),
        created(config), row.size(), config, bytes, row.lastTagTime());
  }

  static List<String> familiar(List<String> canonical) {
    List<String> out = new ArrayList<>(canonical.size());
    for (String ref : canonical) {
      out.add(ImageReference.parse(ref).familiarString());
    }
    return out;
  }

  static Instant created(ImageConfig config) {
    return parseTime(config.created());
  }

  static Instant parseTime(String text) {
    if (text == null || text.isEmpty()) {
      return Instant.EPOCH;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  /**
   * Stores one uncompressed layer: its tar as a blob named by its diff ID (checked against
   * {@code expectedDiffId} when given), unpacked as the snapshot of its chain. Layers already
   * present are not stored twice. Callers hold the read side of {@link #contentLock()}.
   */
  LayerRow addLayer(Digest parentChain, java.io.InputStream tar, Digest expectedDiffId) throws IOException {
    if (expectedDiffId != null && !content.exists(expectedDiffId)
        && !snapshots.exists(Snapshotter.chainId(parentChain, expectedDiffId))) {
      return addNewLayer(parentChain, tar, expectedDiffId);
    }
    Digest diffId;
    boolean stored = false;
    if (expectedDiffId != null && content.exists(expectedDiffId)) {
      diffId = expectedDiffId;
    } else {
      stored = true;
      try (io.wharf.engine.content.ContentWriter writer = content.writer()) {
        tar.transferTo(writer);
        diffId = writer.commit(expectedDiffId, -1);
      }
    }
    Digest chainId = Snapshotter.chainId(parentChain, diffId);
    io.wharf.engine.archive.LayerStats stats;
    try (java.io.InputStream blob = content.open(diffId)) {
      stats = snapshots.unpack(chainId, blob);
    } catch (IOException | RuntimeException e) {
      if (stored && !referenced(diffId)) {
        content.delete(diffId);
      }
      throw e;
    }
    if (!stats.diffId().equals(diffId)) {
      throw new InvalidArgument("layer " + diffId + " is corrupt: its content digests to " + stats.diffId());
    }
    return new LayerRow(diffId, chainId, stats.size());
  }

  /**
   * A layer whose diff ID is known and which is neither stored nor unpacked: one pass over
   * {@code tar} stores it and unpacks it at once (pull and load), instead of storing it, then
   * reading it back to unpack. Nothing stays if its content is not {@code diffId}, nor if
   * reading {@code tar} to its end fails (a pull streaming it checks the blob's digest there).
   */
  private LayerRow addNewLayer(Digest parentChain, java.io.InputStream tar, Digest diffId) throws IOException {
    Digest chainId = Snapshotter.chainId(parentChain, diffId);
    // the writer's digest checks the content: the unpack need not hash it a second time
    try (io.wharf.engine.content.ContentWriter writer = content.writer();
        Snapshotter.Staged staged = snapshots.stage(new TeeInputStream(tar, writer))) {
      tar.transferTo(writer); // the tar's end padding, and the end of the stream (a pull checks the blob there)
      try {
        writer.commit(diffId, -1);
      } catch (InvalidArgument e) {
        throw new InvalidArgument("layer " + diffId + " is corrupt: " + e.getMessage(), e);
      }
      staged.commit(chainId);
      return new LayerRow(diffId, chainId, staged.size());
    }
  }

  /**
   * A layer unpacked aside ({@link Snapshotter#stage}) as its uncompressed tar was stored as the
   * blob {@code diffId}: checked against {@code expectedDiffId}, then made the snapshot of its
   * chain, or dropped when that snapshot exists already. {@code staged} is closed whatever
   * happens. Callers hold the read side of {@link #contentLock()}.
   */
  LayerRow addStagedLayer(Digest parentChain, Snapshotter.Staged staged, Digest diffId, Digest expectedDiffId)
      throws IOException {
    try (staged) {
      if (!diffId.equals(expectedDiffId)) {
        throw new InvalidArgument("layer " + expectedDiffId + " is corrupt: its content digests to " + diffId);
      }
      Digest chainId = Snapshotter.chainId(parentChain, diffId);
      staged.commit(chainId);
      return new LayerRow(diffId, chainId, staged.size());
    }
  }

  private boolean referenced(Digest blob) {
    return rows().stream().anyMatch(r -> r.layers().stream().anyMatch(l -> l.diffId().equals(blob)));
  }

  /**
   * Records a new image (its config already stored) and points {@code tags} at it, in one
   * transaction. A tag that named another image moves; that image stays, dangling if it was its
   * last name, as Docker keeps it.
   */
  ImageRow record(Digest id, Digest parent, List<LayerRow> layers, List<ImageReference> tags) {
    long size = layers.stream().mapToLong(LayerRow::size).sum();
    Instant now = Instant.now();
    state.transaction(c -> {
      ImageTable.insert(c, new ImageRow(id, parent, size, null, layers, List.of(), List.of()));
      for (ImageReference tag : tags) {
        ImageTable.tag(c, tag.toString(), id, now);
      }
      return null;
    });
    return resolve(id.toString());
  }

  /**
   * Deletes blobs and snapshots that no image references. With {@code candidates}, only
   * those are considered (after an image was removed); without, everything (at start-up).
   * Returns the chain IDs of the snapshots it removed. Callers hold the write side of {@link #contentLock()}.
   */
  Set<Digest> collectGarbage(Set<Digest> candidateBlobs, Set<Digest> candidateSnapshots) {
    try {
      Set<Digest> liveBlobs = new HashSet<>();
      Set<Digest> liveSnapshots = new HashSet<>();
      for (ImageRow row : rows()) {
        liveBlobs.add(row.id());
        for (LayerRow layer : row.layers()) {
          liveBlobs.add(layer.diffId());
          liveSnapshots.add(layer.chainId());
        }
      }
      for (Digest blob : candidateBlobs == null ? content.list() : candidateBlobs) {
        if (!liveBlobs.contains(blob)) {
          content.delete(blob);
          configs.remove(blob);
        }
      }
      Set<Digest> removed = new HashSet<>();
      for (Digest snapshot : candidateSnapshots == null ? snapshots.list() : candidateSnapshots) {
        if (!liveSnapshots.contains(snapshot) && snapshots.exists(snapshot)) {
          snapshots.remove(snapshot);
          removed.add(snapshot);
        }
      }
      return removed;
    } catch (IOException e) {
      throw new SystemError("garbage collection: " + e.getMessage(), e);
    }
  }
}
