package io.wharf.engine.build.context;

import io.wharf.engine.archive.Compression;
import io.wharf.oci.errors.InvalidArgument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/** Tars, compressions and file helpers for this package's tests. */
final class Fixtures {
  /** {@code pkg/} and {@code pkg/hello.txt} ("from xz\n"), ustar, owned by 0:0, as tar.xz (made with xz 5). */
  static final byte[] PKG_TAR_XZ = Base64.getDecoder().decode(
      "/Td6WFoAAAFpIt42AgAhARwAAAAQz1jM4Cf/AINdADgayRWYrNGyNLfPL52tDilYvn2FQ23KYq0MJ1KPiSHh4fMuZLNPqHBjXENG"
          + "xfyI+nYKVzRzWsFMpKt25RSQ6tZKxAJWz9h2fP9rfZ3NUtYsxQbWvAjQff9iio26amfHgRORnWiyHbgdCAUSvuoy1TKkt8Ml"
          + "P9+VHnVR2Bm5wbS9UWMAAABvhhYmAAGbAYBQAABmg3EIPjANiwIAAAAAAVla");

  private Fixtures() {}

  /** A tar entry with owner and mtime, for {@link #tar}. */
  record Entry(String name, String content, int mode, int uid, int gid, long mtimeSeconds) {
    static Entry file(String name, String content) {
      return new Entry(name, content, 0100644, 0, 0, 1_600_000_000L);
    }

    static Entry dir(String name) {
      return new Entry(name.endsWith("/") ? name : name + "/", null, 040755, 0, 0, 1_600_000_000L);
    }
  }

  static byte[] tar(Entry... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry entry = new TarArchiveEntry(e.name(), true);
        byte[] data = e.content() == null ? new byte[0] : e.content().getBytes(StandardCharsets.UTF_8);
        entry.setMode(e.mode());
        entry.setUserId(e.uid());
        entry.setGroupId(e.gid());
        entry.setModTime(FileTime.from(Instant.ofEpochSecond(e.mtimeSeconds())));
        entry.setSize(e.content() == null ? 0 : data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  static byte[] bzip2(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream bz = new BZip2CompressorOutputStream(out)) {
      bz.write(data);
    }
    return out.toByteArray();
  }

  static byte[] zstd(byte[] data) {
    return com.github.luben.zstd.Zstd.compress(data);
  }

  static int mode(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  static int uid(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
  }

  static int gid(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
  }

  static long mtimeSeconds(Path path) throws IOException {
    return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant().getEpochSecond();
  }

  static Path write(Path path, String content) throws IOException {
    Files.createDirectories(path.getParent());
    return Files.writeString(path, content);
  }
}
