package io.wharf.engine.container;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * {@code --log-opt max-file}: keeps the logs conmon replaces. Past {@code --log-size-max}, conmon
 * renames a new empty file over {@code ctr.log}; a hard link ({@code ctr.log.live}) keeps the old
 * one alive, and when inotify reports the new file the old one becomes {@code ctr.log.1}
 * ({@code .1} → {@code .2}, …, the oldest beyond {@code max-file} dropped), as Docker's json-file
 * rotates. Nothing polls and the container's writes never wait on it: conmon writes on, this
 * only renames. One watcher thread for every container. Thread-safe.
 */
final class LogRotator implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LogRotator.class.getName());
  static final String LIVE = "ctr.log.live";

  private final WatchService watcher;
  private final Map<WatchKey, Integer> maxFiles = new ConcurrentHashMap<>();
  private final Map<Path, WatchKey> keys = new ConcurrentHashMap<>();

  LogRotator() throws IOException {
    watcher = FileSystems.getDefault().newWatchService();
    Thread.ofPlatform().daemon().name("wharf-log-rotation").start(this::loop);
  }

  /** Before conmon starts: rotation of {@code dir}'s {@code ctr.log}, keeping {@code files} files in all. */
  void watch(Path dir, int files) throws IOException {
    Path log = dir.resolve("ctr.log");
    if (!Files.exists(log)) {
      Files.createFile(log);
    }
    Files.deleteIfExists(dir.resolve(LIVE));
    Files.createLink(dir.resolve(LIVE), log);
    WatchKey key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
    keys.put(dir, key);
    maxFiles.put(key, files);
  }

  void unwatch(Path dir) {
    WatchKey key = keys.remove(dir);
    if (key != null) {
      maxFiles.remove(key);
      key.cancel();
    }
  }

  private void loop() {
    while (true) {
      WatchKey key;
      try {
        key = watcher.take();
      } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
        return;
      }
      boolean logReplaced = key.pollEvents().stream().anyMatch(e -> e.context() != null
          && e.context().toString().equals("ctr.log"));
      Integer files = maxFiles.get(key);
      if (logReplaced && files != null) {
        try {
          rotate((Path) key.watchable(), files);
        } catch (IOException e) {
          LOG.warning("log rotation in " + key.watchable() + ": " + e.getMessage());
        }
      }
      key.reset();
    }
  }

  /** Turns the file conmon let go into {@code ctr.log.1}, shifting the older ones. */
  static void rotate(Path dir, int files) throws IOException {
    Path log = dir.resolve("ctr.log");
    Path live = dir.resolve(LIVE);
    if (!Files.exists(live)) {
      Files.createLink(live, log);
      return;
    }
    if (Objects.equals(key(live), key(log))) {
      return;
    }
    Files.deleteIfExists(dir.resolve("ctr.log." + (files - 1)));
    for (int i = files - 2; i >= 1; i--) {
      Path from = dir.resolve("ctr.log." + i);
      if (Files.exists(from)) {
        Files.move(from, dir.resolve("ctr.log." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (files > 1) {
      Files.move(live, dir.resolve("ctr.log.1"), StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.delete(live);
    }
    Files.createLink(live, log);
  }

  static Object key(Path p) throws IOException {
    return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
  }

  @Override
  public void close() throws IOException {
    watcher.close();
  }
}
