package io.wharf.engine.image;

import io.wharf.engine.archive.Compression;
import io.wharf.engine.archive.RootedPath;
import io.wharf.engine.content.ContentStore;
import io.wharf.engine.content.ContentWriter;
import io.wharf.engine.snapshot.Snapshotter;
import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * One pass over a {@code docker load} archive. Its metadata files ({@code manifest.json},
 * {@code index.json} …) are read; every other file is stored as a blob, digested as it
 * arrives; and a file that looks like a layer (a tar, or a compressed stream) is unpacked aside
 * at the same time, on a second core ({@link Snapshotter#stage}, {@link ParallelTee}), its diff
 * ID the digest of its uncompressed bytes. So a load reads each layer once, although the
 * manifest that says how the layers stack may come after them (docker save writes it last). A
 * file that is no layer after all is only stored; should an image name it as a layer, unpacking
 * it from its blob says why it is not one. Closing the spool removes the staged layers no image
 * took. Not thread-safe.
 */
final class ArchiveSpool implements Closeable {
  private static final long MAX_METADATA = 16 << 20;
  private static final Set<String> METADATA = Set.of("manifest.json", "index.json", "oci-layout", "repositories");
  private final ContentStore content;
  private final Snapshotter snapshots;
  private final Map<String, byte[]> metadata = new HashMap<>();
  private final Map<String, Digest> files = new HashMap<>();
  private final Map<String, String> links = new HashMap<>();
  private final Map<Digest, StagedLayer> staged = new HashMap<>();
  private final Set<Digest> blobs = new HashSet<>();

  /** A file of the archive unpacked aside: the diff ID of its layer, and its files. */
  record StagedLayer(Digest diffId, Snapshotter.Staged files) {}

  ArchiveSpool(ContentStore content, Snapshotter snapshots) {
    this.content = content;
    this.snapshots = snapshots;
  }

  /** Reads the archive {@code tar} (uncompressed) to its end. */
  void read(InputStream tar) throws IOException {
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
          file(name, entry.getSize(), entries);
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
  }

  /** Stores one file of {@code size} bytes, unpacking it aside as it passes if it may be a layer. */
  private void file(String name, long size, InputStream in) throws IOException {
    Digest expected = name.startsWith("blobs/sha256/") ? Digest.parse("sha256:" + name.substring(13)) : null;
    BufferedInputStream file = new BufferedInputStream(in, 1 << 16);
    Compression compression = layerCompression(file, expected);
    Unpacked unpacked = null;
    try (ContentWriter writer = content.writer()) {
      if (compression == null) {
        file.transferTo(writer);
      } else {
        unpacked = ParallelTee.copy(file, writer, "wharf-load-unpack", branch -> unpack(branch, compression));
      }
      Digest digest = writer.commit(expected, size);
      blobs.add(digest);
      files.put(name, digest);
      if (unpacked != null && !staged.containsKey(digest)) {
        Digest diffId = digest;
        if (unpacked.tar() != null) {
          diffId = unpacked.tar().commit();
          blobs.add(diffId);
        }
        staged.put(digest, new StagedLayer(diffId, unpacked.files()));
        unpacked = null;
      }
    } finally {
      if (unpacked != null) {
        unpacked.close();
      }
    }
  }

  /**
   * A file unpacked aside; for a compressed one, its tar too, being stored (uncommitted: the
   * file's own blob is checked first).
   */
  private record Unpacked(Snapshotter.Staged files, ContentWriter tar) implements Closeable {
    @Override
    public void close() throws IOException {
      try (tar) {
        files.close();
      }
    }
  }

  /**
   * The file unpacked aside (on the tee's second thread), or null when it is no layer after all;
   * a compressed one is decompressed, and its tar stored as it passes: that is the blob of its
   * diff ID.
   */
  private Unpacked unpack(InputStream file, Compression compression) throws IOException {
    if (compression == Compression.NONE) {
      Snapshotter.Staged files = stage(file);
      return files == null ? null : new Unpacked(files, null);
    }
    ContentWriter tar = content.writer();
    try {
      Snapshotter.Staged files = stage(new TeeInputStream(Compression.decompress(file), tar));
      if (files == null) {
        return null;
      }
      Unpacked unpacked = new Unpacked(files, tar);
      tar = null;
      return unpacked;
    } finally {
      if (tar != null) {
        tar.close();
      }
    }
  }

  /**
   * How the file is compressed if it may be a layer, told by its first bytes: a compressed
   * stream, or a tar (its first header's magic); null for anything else (a JSON config or
   * manifest starts with '{'). Null too for a blob here already: its layer is most likely
   * unpacked already too (a base layer of images here), and if not, it is unpacked from its blob.
   */
  private Compression layerCompression(BufferedInputStream file, Digest expected) throws IOException {
    if (expected != null && content.exists(expected)) {
      return null;
    }
    file.mark(512);
    byte[] head = file.readNBytes(512);
    file.reset();
    Compression compression = Compression.detect(head, head.length);
    boolean tar = head.length == 512 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    return compression != Compression.NONE || tar ? compression : null;
  }

  /** The layer {@code tar} unpacked aside, or null when it is no layer after all. */
  private Snapshotter.Staged stage(InputStream tar) throws IOException {
    try {
      return snapshots.stage(tar);
    } catch (InvalidArgument notALayer) {
      return null;
    }
  }

  /** A metadata file's bytes, or null when the archive has none of that name. */
  byte[] metadata(String name) {
    return metadata.get(name);
  }

  /** The blob of the file {@code name} names, through links; InvalidArgument when there is none. */
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

  /**
   * The staged layer of the file stored as {@code blob}, handed over once (the caller commits
   * or closes it): a second image with that layer unpacks it from its blob, or finds it unpacked.
   * Null when there is none.
   */
  StagedLayer takeStaged(Digest blob) {
    return staged.remove(blob);
  }

  /** Every blob this spool stored, whether it was new or here already. */
  Set<Digest> blobs() {
    return blobs;
  }

  /** Removes the staged layers that no image took. */
  @Override
  public void close() throws IOException {
    for (StagedLayer layer : staged.values()) {
      layer.files().close();
    }
    staged.clear();
  }
}
