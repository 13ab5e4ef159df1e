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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A container's log as conmon writes it ({@code k8s-file}: one line a record,
 * {@code <time> <stdout|stderr> <F|P> <text>}, F ending a line, P a partial one), read back as
 * the bytes the process wrote, and followed with inotify while the container runs.
 *
 * <p>Records are read in place from the file's bytes and handed on as they are parsed, without
 * an object per line unless {@code --tail} needs them kept. Consecutive bytes of one stream go
 * to the sink together (up to {@link LogOutput#CHUNK} bytes a write): the byte stream of each
 * stream is the same as one write a line, with a thousandth of the frames, flushes and, in the
 * docker CLI, {@code write(2)}s. Not thread-safe; one call reads one log.
 */
final class ContainerLog {
  private ContainerLog() {}

  /** Receives records as parsed: time and text are ranges of {@code bytes}. */
  private interface Records {
    void accept(byte[] bytes, int timeFrom, int timeTo, int stream, int textFrom, int textTo, boolean full)
        throws IOException;
  }

  /** One record kept for {@code --tail}: a line (full) or part of one. */
  private record LogRecord(byte[] time, int stream, byte[] text, boolean full) {}

  static void read(Path log, LogOptions options, BooleanSupplier running, ContainerService.LogSink sink)
      throws IOException {
    Path dir = log.getParent();
    LogOutput out = new LogOutput(options, sink);
    RandomAccessFile file = null;
    try (WatchService watcher = options.follow() ? FileSystems.getDefault().newWatchService() : null) {
      if (watcher != null) {
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      }
      long[] offset = {options.fromOffset()};
      List<LogRecord> kept = options.tail() < 0 ? null : new ArrayList<>();
      Records first = kept == null ? out::add : (b, tf, tt, s, xf, xt, full) -> kept.add(
          new LogRecord(Arrays.copyOfRange(b, tf, tt), s, Arrays.copyOfRange(b, xf, xt), full));
      if (options.fromOffset() == 0) {
        for (Path old : rotated(log)) { // what max-file kept, oldest first
          try (RandomAccessFile f = open(old)) {
            collect(f, new long[] {0}, first);
          }
        }
      }
      // the live file stays open while followed: what the process wrote last is read even when
      // the container's directory is removed (run --rm) before this reader gets to it
      Object current = key(log);
      file = open(log);
      collect(file, offset, first);
      if (kept != null) {
        for (LogRecord r : tail(kept, options.tail())) {
          out.add(r.time(), 0, r.time().length, r.stream(), r.text(), 0, r.text().length, r.full());
        }
      }
      out.flush();
      while (watcher != null) {
        if (sink.gone() || (options.until() != null && !Instant.now().isBefore(options.until()))) {
          return;
        }
        boolean stillRunning = running.getAsBoolean();
        Object now = key(log);
        if (file == null || (current != null && now != null && !now.equals(current))) {
          // conmon started a new file: the rest of the old one first, then the new one
          collect(file, offset, out::add);
          if (file != null) {
            file.close();
          }
          file = open(log);
          offset[0] = 0;
          current = now;
        }
        collect(file, offset, out::add);
        out.flush();
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
    } finally {
      if (file != null) {
        file.close();
      }
    }
  }

  /** {@code log} opened for reading, or null while it does not exist. */
  private static RandomAccessFile open(Path log) {
    try {
      return new RandomAccessFile(log.toFile(), "r");
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  /**
   * The records of the last {@code lines} lines. A record ends a line when it is full, or when
   * nothing of its stream follows (the output's last words without a newline).
   */
  private static List<LogRecord> tail(List<LogRecord> records, int lines) {
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

  /**
   * What the client gets: records filtered by stream and time, with {@code --timestamps}
   * prefixes, gathered into one sink write while the stream stays the same.
   */
  private static final class LogOutput {
    /** Bytes gathered before a write: large enough that frames cost nothing, small enough to stream. */
    static final int CHUNK = 64 * 1024;

    private final LogOptions options;
    private final ContainerService.LogSink sink;
    private final boolean needTime;
    private final boolean[] lineStart = {true, true};
    private byte[] buffer = new byte[CHUNK];
    private int length;
    private int stream;

    LogOutput(LogOptions options, ContainerService.LogSink sink) {
      this.options = options;
      this.sink = sink;
      this.needTime = options.timestamps() || options.since() != null || options.until() != null;
    }

    void add(byte[] b, int timeFrom, int timeTo, int stream, int textFrom, int textTo, boolean full) throws IOException {
      add(b, timeFrom, timeTo, stream, b, textFrom, textTo, full);
    }

    void add(byte[] t, int timeFrom, int timeTo, int stream, byte[] x, int textFrom, int textTo, boolean full)
        throws IOException {
      if ((stream == 1 && !options.stdout()) || (stream == 2 && !options.stderr())) {
        return;
      }
      int index = stream - 1;
      byte[] prefix = null;
      if (needTime) {
        String text = new String(t, timeFrom, timeTo - timeFrom, StandardCharsets.US_ASCII);
        Instant time = parseTime(text);
        if (time != null && ((options.since() != null && time.isBefore(options.since()))
            || (options.until() != null && !time.isBefore(options.until())))) {
          return;
        }
        if (options.timestamps() && lineStart[index]) {
          prefix = ((time == null ? text : DOCKER_TIME.format(time)) + " ").getBytes(StandardCharsets.UTF_8);
        }
      }
      int size = (prefix == null ? 0 : prefix.length) + (textTo - textFrom) + (full ? 1 : 0);
      if (length > 0 && (stream != this.stream || length + size > buffer.length)) {
        flush();
      }
      if (size > buffer.length) {
        buffer = new byte[size];
      }
      this.stream = stream;
      if (prefix != null) {
        System.arraycopy(prefix, 0, buffer, length, prefix.length);
        length += prefix.length;
      }
      System.arraycopy(x, textFrom, buffer, length, textTo - textFrom);
      length += textTo - textFrom;
      if (full) {
        buffer[length++] = '\n';
      }
      lineStart[index] = full;
    }

    /** Hands what is gathered to the sink (the bytes as the process wrote them, binary or not). */
    void flush() throws IOException {
      if (length > 0) {
        sink.write(stream, buffer, 0, length);
        length = 0;
      }
    }
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

  /** Hands the complete records of {@code file} after {@code offset[0]} to {@code out} and moves the offset past them. */
  private static void collect(RandomAccessFile file, long[] offset, Records out) throws IOException {
    if (file == null) {
      return;
    }
    byte[] bytes = null;
    long size;
    while ((size = file.length()) > offset[0]) {
      file.seek(offset[0]);
      int n = (int) Math.min(size - offset[0], 1 << 20);
      if (bytes == null || bytes.length < n) {
        bytes = new byte[n];
      }
      file.readFully(bytes, 0, n);
      int start = 0;
      int end;
      while ((end = newline(bytes, start, n)) >= 0) {
        parse(bytes, start, end, out);
        start = end + 1;
      }
      if (start == 0) {
        return; // an incomplete last record waits for its newline
      }
      offset[0] += start;
    }
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * The index of the first {@code '\n'} in {@code bytes[from, to)}, or -1: eight bytes at a time
   * (a byte equal to 0x0A is a zero byte of {@code word ^ 0x0A…}; the lowest flagged byte is
   * always a true match), the newline scan being most of the cost of reading a log.
   */
  static int newline(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(bytes, i) ^ 0x0A0A0A0A0A0A0A0AL;
      long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** {@code <time> <stream> <F|P> <bytes>} from {@code bytes[from, to)}; the payload stays raw bytes. */
  private static void parse(byte[] bytes, int from, int to, Records out) throws IOException {
    int s0 = -1;
    int s1 = -1;
    int s2 = -1;
    for (int i = from; i < to; i++) {
      if (bytes[i] == ' ') {
        if (s0 < 0) {
          s0 = i;
        } else if (s1 < 0) {
          s1 = i;
        } else {
          s2 = i;
          break;
        }
      }
    }
    if (s1 < 0) {
      return;
    }
    boolean stderr = s1 - s0 == 7 && bytes[s0 + 4] == 'e' && bytes[s0 + 5] == 'r' && bytes[s0 + 6] == 'r';
    int tagEnd = s2 >= 0 ? s2 : to;
    boolean full = tagEnd - s1 - 1 == 1 && bytes[s1 + 1] == 'F';
    int textFrom = s2 >= 0 ? s2 + 1 : to;
    out.accept(bytes, from, s0, stderr ? 2 : 1, textFrom, to, full);
  }
}
