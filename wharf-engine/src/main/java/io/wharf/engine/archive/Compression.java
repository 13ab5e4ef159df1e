package io.wharf.engine.archive;

import io.wharf.oci.errors.InvalidArgument;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** The compressions Docker accepts for archives, told apart by their magic bytes. */
public enum Compression {
  NONE, GZIP, BZIP2, XZ, ZSTD;

  /** The compression whose magic bytes start {@code head}. */
  public static Compression detect(byte[] head, int length) {
    if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
      return BZIP2;
    }
    if (length >= 6 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X'
        && head[4] == 'Z' && head[5] == 0) {
      return XZ;
    }
    if (length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return ZSTD;
    }
    return NONE;
  }

  /** {@code in}, decompressed according to what its first bytes say. */
  public static InputStream decompress(InputStream in) throws IOException {
    BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 65536);
    buffered.mark(16);
    byte[] head = new byte[8];
    int n = buffered.readNBytes(head, 0, head.length);
    buffered.reset();
    return switch (detect(head, n)) {
      case NONE -> buffered;
      case GZIP -> GzipCompressorInputStream.builder().setInputStream(buffered).setDecompressConcatenated(true).get();
      case BZIP2 -> new BZip2CompressorInputStream(buffered, true);
      case ZSTD -> new ZstdCompressorInputStream(buffered);
      case XZ -> new org.apache.commons.compress.compressors.xz.XZCompressorInputStream(buffered, true);
    };
  }
}
