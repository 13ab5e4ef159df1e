package io.wharf.engine.content;

import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The content store on the local disk: {@code <root>/blobs/sha256/<hex>}, writes in
 * {@code <root>/ingest/}. Thread-safe: every blob is renamed into place atomically.
 */
public final class LocalContentStore implements ContentStore {
  private final Path blobs;
  private final Path ingest;

  /** Opens the store under {@code root}, discarding writes an earlier process left unfinished. */
  public LocalContentStore(Path root) throws IOException {
    this.blobs = Files.createDirectories(root.resolve("blobs/sha256"));
    this.ingest = Files.createDirectories(root.resolve("ingest"));
    try (Stream<Path> leftovers = Files.list(ingest)) {
      for (Path p : leftovers.toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Path path(Digest digest) {
    return blobs.resolve(digest.hex());
  }

  @Override
  public boolean exists(Digest digest) {
    return Files.exists(path(digest));
  }

  @Override
  public long size(Digest digest) throws IOException {
    try {
      return Files.size(path(digest));
    } catch (NoSuchFileException e) {
      throw new NotFound("blob " + digest + " not found", e);
    }
  }

  @Override
  public InputStream open(Digest digest) throws IOException {
    try {
      return Files.newInputStream(path(digest));
    } catch (NoSuchFileException e) {
      throw new NotFound("blob " + digest + " not found", e);
    }
  }

  @Override
  public ContentWriter writer() throws IOException {
    return new LocalWriter(Files.createTempFile(ingest, "blob-", ".part"));
  }

  @Override
  public void delete(Digest digest) throws IOException {
    Files.deleteIfExists(path(digest));
  }

  @Override
  public Set<Digest> list() throws IOException {
    Set<Digest> all = new HashSet<>();
    try (Stream<Path> files = Files.list(blobs)) {
      for (Path p : files.toList()) {
        String hex = p.getFileName().toString();
        if (Digest.isDigest("sha256:" + hex)) {
          all.add(new Digest("sha256", hex));
        }
      }
    }
    return all;
  }

  private final class LocalWriter extends ContentWriter {
    private final Path temp;
    private final OutputStream out;
    private final MessageDigest sha256 = Digest.sha256();
    private long written;
    private boolean done;

    LocalWriter(Path temp) throws IOException {
      this.temp = temp;
      this.out = Files.newOutputStream(temp);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      sha256.update((byte) b);
      written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      sha256.update(b, off, len);
      written += len;
    }

    @Override
    public long written() {
      return written;
    }

    @Override
    public Digest commit() throws IOException {
      return commit(null, -1);
    }

    @Override
    public Digest commit(Digest expected, long expectedSize) throws IOException {
      out.close();
      done = true;
      Digest actual = Digest.fromHash(sha256.digest());
      try {
        if (expectedSize >= 0 && expectedSize != written) {
          throw new InvalidArgument("size mismatch for " + (expected != null ? expected : actual)
              + ": expected " + expectedSize + " bytes, got " + written);
        }
        if (expected != null && !expected.equals(actual)) {
          throw new InvalidArgument("digest mismatch: expected " + expected + ", got " + actual);
        }
        Path target = path(actual);
        if (Files.exists(target)) {
          Files.delete(temp);
        } else {
          try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
          }
          try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
        return actual;
      } finally {
        Files.deleteIfExists(temp);
      }
    }

    @Override
    public void close() throws IOException {
      if (!done) {
        done = true;
        out.close();
        Files.deleteIfExists(temp);
      }
    }
  }
}
