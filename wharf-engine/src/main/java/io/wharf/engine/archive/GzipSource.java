package io.wharf.engine.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterInputStream;

/**
 * The gzip form of a stream, read as it is made (no thread, no temporary file): a fixed
 * header (no name, no time, so the same bytes always give the same output), deflate at
 * {@link Deflater#BEST_SPEED}, and the CRC and length trailer once the source ends. Not
 * thread-safe.
 */
public final class GzipSource {
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private GzipSource() {}

  /** {@code source} gzipped; closing it closes {@code source}. */
  public static InputStream of(InputStream source) {
    CheckedInputStream checked = new CheckedInputStream(source, new CRC32());
    Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    long[] length = {0};
    // SequenceInputStream closes the body when it ends, before the trailer is read
    DeflaterInputStream body = new DeflaterInputStream(checked, deflater, 1 << 16) {
      private boolean ended;

      @Override
      public void close() throws IOException {
        if (ended) {
          return;
        }
        ended = true;
        try {
          length[0] = deflater.getBytesRead();
          super.close();
        } finally {
          deflater.end();
        }
      }
    };
    InputStream trailer = new InputStream() {
      private byte[] bytes;
      private int next;

      @Override
      public int read() {
        if (bytes == null) {
          long crc = checked.getChecksum().getValue();
          long size = length[0];
          bytes = new byte[] {(byte) crc, (byte) (crc >> 8), (byte) (crc >> 16), (byte) (crc >> 24),
              (byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)};
        }
        return next < bytes.length ? bytes[next++] & 0xff : -1;
      }
    };
    return new SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
        new java.io.ByteArrayInputStream(HEADER), body, trailer)));
  }
}
