package io.wharf.registry.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Small text files that point at content (distribution's "link files"), written to a hidden
 * temporary sibling, synced and renamed, so a reader (even after a crash) sees the old link or
 * the new one, never half of one. Stateless; thread-safe.
 */
final class Links {
  private Links() {}

  static void write(Path link, String content) throws IOException {
    Files.createDirectories(link.getParent());
    Path temp = link.resolveSibling("." + link.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static Optional<String> read(Path link) throws IOException {
    try {
      return Optional.of(Files.readString(link, StandardCharsets.UTF_8).strip());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Removes the link. Directories stay, as in distribution: pruning them would race with a
   * concurrent {@link #write} into the same directory.
   */
  static boolean delete(Path link) throws IOException {
    return Files.deleteIfExists(link);
  }

  /** The names of the links in {@code dir}, sorted; none when it does not exist. */
  static List<String> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }
}
