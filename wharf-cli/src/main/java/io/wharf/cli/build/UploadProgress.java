package io.wharf.cli.build;

import io.wharf.cli.format.Units;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * The context as it is sent, counted: {@code Sending build context to Docker daemon  2.048kB}
 * as the docker CLI's progress reader prints it — the size right-aligned in 8 columns, each
 * update ended by {@code \r}, the last one followed by {@code \r\n}. On a terminal every
 * 512 KiB (at most ten times a second); elsewhere only the last. Not thread-safe.
 */
public final class UploadProgress extends FilterInputStream {
  static final String ACTION = "Sending build context to Docker daemon";
  private static final long UPDATE_EVERY = 512 * 1024;
  private static final long MIN_INTERVAL_NANOS = 100_000_000L;

  private final PrintStream out;
  private final boolean terminal;
  private long current;
  private long lastUpdate;
  private long lastPrinted = System.nanoTime() - MIN_INTERVAL_NANOS;
  private boolean done;

  public UploadProgress(InputStream in, PrintStream out, boolean terminal) {
    super(in);
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      current += n;
      if (terminal && current - lastUpdate > UPDATE_EVERY && System.nanoTime() - lastPrinted >= MIN_INTERVAL_NANOS) {
        print(false);
        lastUpdate = current;
        lastPrinted = System.nanoTime();
      }
    } else if (n < 0 && !done) {
      done = true;
      print(true);
    }
    return n;
  }

  /** The bytes read so far. */
  public long count() {
    return current;
  }

  private void print(boolean last) {
    out.print(line(current) + (last ? "\r\n" : ""));
    out.flush();
  }

  /** One update: {@code Sending build context to Docker daemon  2.048kB\r}. */
  static String line(long bytes) {
    // docker's JSONProgress prints nothing at all for zero bytes, and then ends the line
    return bytes <= 0 ? ACTION + " \r\n" : ACTION + " " + String.format("%8s", Units.humanSize4(bytes)) + "\r";
  }
}
