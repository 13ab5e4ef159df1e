package io.wharf.engine.container;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A container's log as conmon writes it ({@code k8s-file}: one line a record,
 * {@code <time> <stdout|stderr> <F|P> <text>}, F ending a line, P a partial one), read back as
 * the bytes the process wrote, and followed with inotify while the container runs.
 */
final class ContainerLog {
  private ContainerLog() {}

  /** One record of the log: a line (full) or part of one. */
  private record LogRecord(String time, int stream, byte[] text, boolean full) {}

  static void read(Path log, LogOptions options, BooleanSupplier running, ContainerService.LogSink sink)
      throws IOException {
    Path dir = log.getParent();
    try (WatchService watcher = options.follow() ? FileSystems.getDefault().newWatchService() : null) {
      if (watcher != null) {
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      }
      long[] offset = {options.fromOffset()};
      boolean[] lineStart = {true, true};
      List<LogRecord> first = new ArrayList<>();
      if (options.fromOffset() == 0) {
        for (Path old : rotated(log)) { // what max-file kept, oldest first
          collect(old, new long[] {0}, first);
        }
      }
      Object current = key(log);
      collect(log, offset, first);
      for (LogRecord r : tail(first, options.tail())) {
        write(r, options, lineStart, sink);
      }
      while (watcher != null) {
        if (options.until() != null && !Instant.now().isBefore(options.until())) {
          return;
        }
        boolean stillRunning = running.getAsBoolean();
        List<LogRecord> more = new ArrayList<>();
        Object now = key(log);
        if (current != null && now != null && !now.equals(current)) {
          // conmon started a new file: the rest of the old one first, found by its inode
          for (Path old : List.of(log.resolveSibling(LogRotator.LIVE), log.resolveSibling("ctr.log.1"))) {
            if (current.equals(key(old))) {
              collect(old, offset, more);
              break;
            }
          }
          offset[0] = 0;
        }
        current = now;
        collect(log, offset, more);
        for (LogRecord r : more) {
          write(r, options, lineStart, sink);
        }
        if (!stillRunning) {
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

  /**
   * The records of the last {@code lines} lines. A record ends a line when it is full, or when
   * nothing of its stream follows (the output's last words without a newline).
   */
  private static List<LogRecord> tail(List<LogRecord> records, int lines) {
    if (lines < 0) {
      return records;
    }
    int n = records.size();
    boolean[] ends = new boolean[n];
    boolean[] later = new boolean[3];
    for (int k = n - 1; k >= 0; k--) {
      LogRecord r = records.get(k);
      ends[k] = r.full() || !later[r.stream()];
      later[r.stream()] = true;
    }
    int count = 0;
    int i = n;
    while (i > 0) {
      if (ends[i - 1]) {
        if (count == lines) {
          break;
        }
        count++;
      }
      i--;
    }
    return records.subList(i, n);
  }

  private static void write(LogRecord r, LogOptions options, boolean[] lineStart, ContainerService.LogSink sink)
      throws IOException {
    if ((r.stream() == 1 && !options.stdout()) || (r.stream() == 2 && !options.stderr())) {
      return;
    }
    Instant time = parseTime(r.time());
    if (time != null && ((options.since() != null && time.isBefore(options.since()))
        || (options.until() != null && !time.isBefore(options.until())))) {
      return;
    }
    int index = r.stream() - 1;
    byte[] prefix = options.timestamps() && lineStart[index]
        ? ((time == null ? r.time() : DOCKER_TIME.format(time)) + " ").getBytes(StandardCharsets.UTF_8) : new byte[0];
    byte[] bytes = new byte[prefix.length + r.text().length + (r.full() ? 1 : 0)];
    System.arraycopy(prefix, 0, bytes, 0, prefix.length);
    System.arraycopy(r.text(), 0, bytes, prefix.length, r.text().length);
    if (r.full()) {
      bytes[bytes.length - 1] = '\n';
    }
    lineStart[index] = r.full();
    sink.write(r.stream(), bytes); // the bytes as the process wrote them, binary or not
  }

  private static final java.time.format.DateTimeFormatter DOCKER_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(java.time.ZoneOffset.UTC);

  private static Instant parseTime(String text) {
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /** The rotated files of {@code log} ({@code ctr.log.N} … {@code ctr.log.1}), oldest first. */
  private static List<Path> rotated(Path log) {
    List<Path> out = new ArrayList<>();
    for (int i = 1; i < 1000; i++) {
      Path p = log.resolveSibling(log.getFileName() + "." + i);
      if (!Files.exists(p)) {
        break;
      }
      out.addFirst(p);
    }
    return out;
  }

  private static Object key(Path p) {
    try {
      return LogRotator.key(p);
    } catch (IOException e) {
      return null;
    }
  }

  /** Adds the complete records after {@code offset[0]} to {@code out} and moves the offset past them. */
  private static void collect(Path log, long[] offset, List<LogRecord> out) throws IOException {
    if (!Files.exists(log)) {
      return;
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      while (file.length() > offset[0]) {
        file.seek(offset[0]);
        byte[] bytes = new byte[(int) Math.min(file.length() - offset[0], 1 << 20)];
        file.readFully(bytes);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
          if (bytes[i] == '\n') {
            LogRecord r = parse(bytes, start, i);
            if (r != null) {
              out.add(r);
            }
            start = i + 1;
          }
        }
        if (start == 0) {
          return; // an incomplete last record waits for its newline
        }
        offset[0] += start;
      }
    }
  }

  /** {@code <time> <stream> <F|P> <bytes>} from {@code bytes[from, to)}; the payload stays raw bytes. */
  private static LogRecord parse(byte[] bytes, int from, int to) {
    int[] spaces = new int[3];
    int found = 0;
    for (int i = from; i < to && found < 3; i++) {
      if (bytes[i] == ' ') {
        spaces[found++] = i;
      }
    }
    if (found < 2) {
      return null;
    }
    String time = new String(bytes, from, spaces[0] - from, StandardCharsets.US_ASCII);
    String stream = new String(bytes, spaces[0] + 1, spaces[1] - spaces[0] - 1, StandardCharsets.US_ASCII);
    int tagEnd = found == 3 ? spaces[2] : to;
    boolean full = tagEnd - spaces[1] - 1 == 1 && bytes[spaces[1] + 1] == 'F';
    byte[] text = found == 3 ? java.util.Arrays.copyOfRange(bytes, spaces[2] + 1, to) : new byte[0];
    return new LogRecord(time, stream.equals("stderr") ? 2 : 1, text, full);
  }
}
