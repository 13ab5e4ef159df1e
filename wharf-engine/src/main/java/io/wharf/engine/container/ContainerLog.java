package io.wharf.engine.container;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A container's log as conmon writes it ({@code k8s-file}: one line a record,
 * {@code <time> <stdout|stderr> <F|P> <text>}, F ending a line, P a partial one), read back as
 * the bytes the process wrote, and followed with inotify while the container runs.
 */
final class ContainerLog {
  private ContainerLog() {}

  static void read(Path log, boolean follow, boolean stdout, boolean stderr, BooleanSupplier running,
      ContainerService.LogSink sink) throws IOException {
    Path dir = log.getParent();
    try (WatchService watcher = follow ? FileSystems.getDefault().newWatchService() : null) {
      if (watcher != null) {
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      }
      long offset = 0;
      StringBuilder partial = new StringBuilder();
      while (true) {
        offset = emit(log, offset, partial, stdout, stderr, sink);
        if (watcher == null) {
          return;
        }
        if (!running.getAsBoolean()) {
          emit(log, offset, partial, stdout, stderr, sink); // what was written before the exit
          return;
        }
        // a change in the directory, or a second's wait in case the exit came in between
        var key = watcher.poll(1, TimeUnit.SECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Emits the complete records after {@code offset}; returns the offset after them. */
  private static long emit(Path log, long offset, StringBuilder partial, boolean stdout, boolean stderr,
      ContainerService.LogSink sink) throws IOException {
    if (!Files.exists(log)) {
      return offset;
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      if (file.length() <= offset) {
        return offset;
      }
      file.seek(offset);
      byte[] bytes = new byte[(int) Math.min(file.length() - offset, 1 << 20)];
      file.readFully(bytes);
      int start = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          record(new String(bytes, start, i - start, StandardCharsets.UTF_8), stdout, stderr, sink);
          start = i + 1;
        }
      }
      return offset + start; // an incomplete last record waits for its newline
    }
  }

  private static void record(String line, boolean stdout, boolean stderr, ContainerService.LogSink sink)
      throws IOException {
    String[] parts = line.split(" ", 4);
    if (parts.length < 3) {
      return;
    }
    int stream = parts[1].equals("stderr") ? 2 : 1;
    if ((stream == 1 && !stdout) || (stream == 2 && !stderr)) {
      return;
    }
    String text = parts.length == 4 ? parts[3] : "";
    sink.write(stream, (parts[2].equals("F") ? text + "\n" : text).getBytes(StandardCharsets.UTF_8));
  }
}
