package io.wharf.engine.runtime;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Exit codes of containers, from the files conmon writes into the exit directory (one per
 * container, named by its ID, holding the code): watched with inotify, never polled. A
 * container that exited before anyone asked (or while wharfd was down) is found by reading
 * the file when asked. Thread-safe.
 */
final class ExitWatcher implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ExitWatcher.class.getName());
  private final Path exits;
  private final WatchService watcher;
  private final Map<String, CompletableFuture<Integer>> waiting = new ConcurrentHashMap<>();
  private final Thread thread;

  ExitWatcher(Path exits) throws IOException {
    this.exits = Files.createDirectories(exits);
    this.watcher = FileSystems.getDefault().newWatchService();
    exits.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    this.thread = Thread.ofPlatform().daemon().name("wharf-exit-watcher").start(this::watch);
  }

  /** Completes with the exit code of container {@code id} once it has exited. */
  CompletableFuture<Integer> exitCode(String id) {
    CompletableFuture<Integer> future = waiting.computeIfAbsent(id, k -> new CompletableFuture<>());
    read(id); // it may have exited already
    return future;
  }

  /** Forgets the exit of {@code id} (the container is gone). */
  void forget(String id) throws IOException {
    waiting.remove(id);
    Files.deleteIfExists(exits.resolve(id));
  }

  private void read(String id) {
    CompletableFuture<Integer> future = waiting.get(id);
    if (future == null || future.isDone()) {
      return;
    }
    try {
      String text = Files.readString(exits.resolve(id)).strip();
      if (!text.isEmpty()) {
        future.complete(Integer.parseInt(text));
      }
    } catch (NoSuchFileException e) {
      // not exited yet
    } catch (IOException | NumberFormatException e) {
      LOG.warning("unreadable exit file of " + id + ": " + e.getMessage());
    }
  }

  private void watch() {
    try {
      while (true) {
        WatchKey key = watcher.take();
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.context() instanceof Path name) {
            read(name.toString());
          }
        }
        key.reset();
      }
    } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
      // closing
    }
  }

  @Override
  public void close() throws IOException {
    watcher.close();
    thread.interrupt();
  }
}
