package io.wharf.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemCallsTest {
  @TempDir Path dir;

  @Test
  void majorAndMinorUndoMakedev() {
    for (int[] d : new int[][] {{0, 0}, {1, 3}, {254, 0}, {4095, 255}, {4096, 256}, {259, 1048575}}) {
      long dev = FileSystemCalls.makedev(d[0], d[1]);
      assertThat(FileSystemCalls.major(dev)).isEqualTo(d[0]);
      assertThat(FileSystemCalls.minor(dev)).isEqualTo(d[1]);
    }
  }

  @Test
  void makedevMatchesGlibc() {
    assertThat(FileSystemCalls.makedev(0, 0)).isZero();
    assertThat(FileSystemCalls.makedev(1, 3)).isEqualTo(0x103L);
    assertThat(FileSystemCalls.makedev(259, 65536)).isEqualTo(0x10010300L);
  }

  @Test
  @Tag("root")
  void mknodMakesAWhiteoutDevice() throws IOException {
    Path whiteout = dir.resolve("gone");
    FileSystemCalls.mknodChar(whiteout, 0, 0, 0);
    assertThat(Files.isRegularFile(whiteout, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat((Long) Files.getAttribute(whiteout, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isZero();
    assertThat((Integer) Files.getAttribute(whiteout, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000)
        .isEqualTo(0020000);
  }

  @Test
  @Tag("root")
  void trustedXattrRoundTrips() throws IOException {
    Path opaque = Files.createDirectory(dir.resolve("opaque"));
    assertThat(FileSystemCalls.getXattr(opaque, "trusted.overlay.opaque")).isNull();
    FileSystemCalls.setXattr(opaque, "trusted.overlay.opaque", new byte[] {'y'});
    assertThat(FileSystemCalls.getXattr(opaque, "trusted.overlay.opaque")).containsExactly('y');
  }

  @Test
  void failureNamesThePathAndTheError() {
    Path missing = dir.resolve("no/such/dir/node");
    assertThatThrownBy(() -> FileSystemCalls.mknodChar(missing, 0, 0, 0))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("No such file or directory");
  }
}
