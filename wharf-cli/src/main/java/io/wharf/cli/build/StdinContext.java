package io.wharf.cli.build;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code wharf build -}: stdin is either a context archive (a tar, or a gzip, bzip2, xz or zstd
 * stream), sent as it is, or a Dockerfile, which the docker CLI wraps in a tar of its own as
 * {@code Dockerfile}. Told apart by the first 1024 bytes, as docker does. Stateless.
 *
 * @param body what to send
 * @param relDockerfile the {@code dockerfile} parameter: {@code -f}'s name inside an archive
 *     (empty for the daemon's default), or {@code Dockerfile}
 */
public record StdinContext(InputStream body, String relDockerfile) {
  private static final int PEEK = 1024;
  private static final int BLOCK = 512;
  private static final byte[][] COMPRESSION_MAGIC = {
      {0x42, 0x5A, 0x68}, // bzip2
      {0x1F, (byte) 0x8B, 0x08}, // gzip
      {(byte) 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00}, // xz
      {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD}}; // zstd

  /** Reads what {@code stdin} holds; {@code dockerfile} is {@code -f}'s value (null when not given). */
  public static StdinContext read(InputStream stdin, String dockerfile) throws ContextException, IOException {
    BufferedInputStream in = new BufferedInputStream(stdin, 64 * 1024);
    in.mark(PEEK);
    byte[] head = in.readNBytes(PEEK);
    in.reset();
    if (isArchive(head)) {
      return new StdinContext(in, dockerfile == null ? "" : dockerfile);
    }
    if (dockerfile != null && !dockerfile.isEmpty()) {
      throw new ContextException("unable to prepare context: ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles");
    }
    return new StdinContext(new ByteArrayInputStream(wrapDockerfile(in.readAllBytes())), "Dockerfile");
  }

  /** A compression's magic number, or a first tar header whose checksum holds. */
  static boolean isArchive(byte[] head) {
    for (byte[] magic : COMPRESSION_MAGIC) {
      if (head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length)) {
        return true;
      }
    }
    return head.length >= BLOCK && tarChecksumHolds(head);
  }

  /** Go's archive/tar: the checksum field matches the header's byte sum, unsigned or signed. */
  private static boolean tarChecksumHolds(byte[] header) {
    String field = new String(header, 148, 8, StandardCharsets.US_ASCII).replace('\0', ' ').strip();
    if (field.isEmpty() || !field.chars().allMatch(c -> c >= '0' && c <= '7')) {
      return false;
    }
    long recorded = Long.parseLong(field, 8);
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i >= 148 && i < 156 ? (byte) ' ' : header[i];
      unsigned += b & 0xff;
      signed += b;
    }
    return recorded == unsigned || recorded == signed;
  }

  /** A tar holding {@code content} as {@code Dockerfile}, as the docker CLI makes it. */
  static byte[] wrapDockerfile(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length + 3 * BLOCK);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
      entry.setMode(0644);
      entry.setSize(content.length);
      entry.setUserName("");
      entry.setGroupName("");
      entry.setLastModifiedTime(FileTime.from(Instant.now().getEpochSecond(), java.util.concurrent.TimeUnit.SECONDS));
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }
}
