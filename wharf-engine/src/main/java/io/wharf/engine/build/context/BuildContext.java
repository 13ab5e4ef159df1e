package io.wharf.engine.build.context;

import io.wharf.engine.archive.Compression;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.SystemError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A build context unpacked into a directory of its own, the way the Docker daemon receives it
 * ({@code POST /build}): a tar, possibly compressed, from which the Dockerfile is read and the
 * paths {@code .dockerignore} excludes are removed before COPY and ADD see it. Typical use:
 *
 * <pre>{@code
 * try (BuildContext context = BuildContext.unpack(body, scratch.resolve("context"), hashes)) {
 *   String dockerfile = context.dockerfile(request.dockerfile());
 *   context.applyDockerIgnore();
 *   ... SourceMatcher.match(context.root(), patterns, "COPY") ...
 * }
 * }</pre>
 *
 * Not thread-safe for writes ({@link #applyDockerIgnore}, {@link #close}); reads are.
 */
public final class BuildContext implements AutoCloseable {
  private static final String DEFAULT_DOCKERFILE = "Dockerfile";

  private final Path root;

  private BuildContext(Path root) {
    this.root = root;
  }

  /**
   * Unpacks a context tar (plain, gzip, bzip2, xz or zstd, told from its first bytes) into
   * {@code dir}, which is created and must not exist or be empty. Safely: names cleaned, every
   * entry inside {@code dir}, no symbolic link followed out of it, device files refused;
   * owners, modes and mtimes kept; {@code .wh.} files kept as files. Each regular file's sha256
   * is computed while it is written and recorded in {@code hashes}. A broken or hostile tar is
   * an {@link InvalidArgument} naming the problem; {@code dir} is then deleted. {@code in} is
   * read to its end and not closed.
   */
  public static BuildContext unpack(InputStream in, Path dir, ContentHashIndex hashes) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new SystemError("build context directory is not empty: " + dir);
        }
      }
    }
    Files.createDirectories(dir);
    try {
      InputStream shielded = new FilterInputStream(in) {
        @Override
        public void close() {
          // the caller's stream stays open; only the decompressor is released
        }
      };
      try (InputStream tar = Compression.decompress(shielded)) {
        SafeUntar.extract(tar, dir, hashes);
      }
    } catch (IOException | RuntimeException e) {
      try {
        io.wharf.engine.archive.FileTree.delete(dir);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return new BuildContext(dir);
  }

  /** The directory the context is unpacked in. */
  public Path root() {
    return root;
  }

  /**
   * The Dockerfile's text. {@code name} is the {@code dockerfile} query parameter, a path
   * relative to the context ({@code "Dockerfile"} when null or empty); symbolic links are
   * followed inside the context. As Docker does, {@code Dockerfile} falls back to
   * {@code dockerfile} when only that exists. Missing: {@code InvalidArgument("Cannot locate
   * specified Dockerfile: <name>")}; empty: {@code "the Dockerfile (<name>) cannot be empty"};
   * a name climbing out of the context is refused.
   */
  public String dockerfile(String name) throws IOException {
    String wanted = name == null || name.isEmpty() ? DEFAULT_DOCKERFILE : name;
    if (ScopedPath.escapes(wanted)) {
      throw new InvalidArgument("Forbidden path outside the build context: " + wanted);
    }
    Path path = ScopedPath.resolve(root, ScopedPath.clean(wanted));
    if (!Files.exists(path) && wanted.equals(DEFAULT_DOCKERFILE)) {
      Path lower = ScopedPath.resolve(root, "dockerfile");
      if (Files.exists(lower)) {
        wanted = "dockerfile";
        path = lower;
      }
    }
    if (!Files.exists(path)) {
      throw new InvalidArgument("Cannot locate specified Dockerfile: " + wanted);
    }
    if (Files.isDirectory(path)) {
      throw new InvalidArgument("unexpected error reading Dockerfile: read " + wanted + ": is a directory");
    }
    byte[] text = Files.readAllBytes(path);
    if (text.length == 0) {
      throw new InvalidArgument("the Dockerfile (" + wanted + ") cannot be empty");
    }
    return new String(text, StandardCharsets.UTF_8);
  }

  /**
   * Reads {@code .dockerignore}, if the context has one, and deletes every path it excludes —
   * the Dockerfile and {@code .dockerignore} themselves included when they match, as the
   * daemon does, and anything else the client did not already leave out. An excluded
   * directory that an exception ({@code !pattern}) reaches into keeps what the exception brings
   * back and is deleted only when nothing is left in it. A malformed pattern is an
   * {@link InvalidArgument}. Call it after {@link #dockerfile}.
   */
  public void applyDockerIgnore() throws IOException {
    Path file = ScopedPath.resolve(root, ".dockerignore");
    if (!Files.isRegularFile(file)) {
      return;
    }
    io.wharf.oci.build.DockerIgnore rules = io.wharf.oci.build.DockerIgnore.parse(Files.readString(file, StandardCharsets.UTF_8));
    prune(root, "", rules);
  }

  private static void prune(Path dir, String relative, io.wharf.oci.build.DockerIgnore rules) throws IOException {
    for (Path child : Trees.children(dir)) {
      String name = relative.isEmpty() ? child.getFileName().toString() : relative + "/" + child.getFileName();
      boolean excluded = rules.excludes(name);
      if (!ScopedPath.isDirectory(child)) {
        if (excluded) {
          Files.delete(child);
        }
      } else if (excluded && !rules.hasExceptions()) {
        io.wharf.engine.archive.FileTree.delete(child);
      } else {
        prune(child, name, rules);
        if (excluded && Trees.children(child).isEmpty()) {
          Files.delete(child);
        }
      }
    }
  }

  /** Deletes the directory and everything in it. */
  @Override
  public void close() {
    try {
      io.wharf.engine.archive.FileTree.delete(root);
    } catch (IOException e) {
      throw new SystemError("cannot delete build context " + root + ": " + e.getMessage(), e);
    }
  }
}
