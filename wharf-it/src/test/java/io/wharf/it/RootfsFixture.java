package io.wharf.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Root filesystem tars for test images, made offline: busybox from Debian's busybox-static
 * (a link per applet, /etc/passwd, /etc/group), and small tars of given files.
 */
final class RootfsFixture {
  static final Path BUSYBOX = Path.of("/bin/busybox");

  private RootfsFixture() {}

  /** Writes a busybox root filesystem tar to {@code tar}. */
  static Path busybox(Path tar) throws IOException {
    List<String> applets = new ArrayList<>();
    Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
    for (String line : new String(list.getInputStream().readAllBytes()).split("\n")) {
      if (!line.isBlank() && !line.equals("busybox")) {
        applets.add(line.strip());
      }
    }
    try (OutputStream file = Files.newOutputStream(tar);
        TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String dir : List.of("bin/", "etc/", "root/", "tmp/", "proc/", "sys/", "dev/")) {
        directory(out, dir, dir.equals("tmp/") ? 01777 : 0755);
      }
      TarArchiveEntry busybox = new TarArchiveEntry("bin/busybox");
      busybox.setSize(Files.size(BUSYBOX));
      busybox.setMode(0100755);
      out.putArchiveEntry(busybox);
      Files.copy(BUSYBOX, out);
      out.closeArchiveEntry();
      for (String applet : applets) {
        TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("busybox");
        out.putArchiveEntry(link);
        out.closeArchiveEntry();
      }
      file(out, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
      file(out, "etc/group", "root:x:0:\nnogroup:x:65534:\n");
    }
    return tar;
  }

  /** Writes a tar holding one text file per pair of {@code pathsAndContents}. */
  static Path files(Path tar, String... pathsAndContents) throws IOException {
    try (OutputStream file = Files.newOutputStream(tar);
        TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
      for (int i = 0; i < pathsAndContents.length; i += 2) {
        file(out, pathsAndContents[i], pathsAndContents[i + 1]);
      }
    }
    return tar;
  }

  private static void directory(TarArchiveOutputStream out, String name, int mode) throws IOException {
    TarArchiveEntry dir = new TarArchiveEntry(name);
    dir.setMode(040000 | mode);
    out.putArchiveEntry(dir);
    out.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream out, String name, String content) throws IOException {
    byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    entry.setMode(0100644);
    out.putArchiveEntry(entry);
    out.write(bytes);
    out.closeArchiveEntry();
  }
}
