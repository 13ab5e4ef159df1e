package io.wharf.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("root")
class MountCallsTest {
  @TempDir Path dir;

  @Test
  void tmpfsMountsAndUnmounts() throws IOException {
    Path target = Files.createDirectory(dir.resolve("t"));
    MountCalls.mount("tmpfs", target, "tmpfs", 0, "size=1m,mode=0700");
    try {
      Files.writeString(target.resolve("in-tmpfs"), "x");
      assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).contains(target.toString());
    } finally {
      assertThat(MountCalls.unmount(target, 0)).isTrue();
    }
    assertThat(target).isEmptyDirectory();
    assertThat(MountCalls.unmount(target, 0)).isFalse();
  }

  @Test
  void badFileSystemTypeNamesThePathAndTheError() throws IOException {
    Path target = Files.createDirectory(dir.resolve("t"));
    assertThatThrownBy(() -> MountCalls.mount("none", target, "no-such-fs", 0, null))
        .isInstanceOf(IOException.class).hasMessageContaining(target.toString()).hasMessageContaining("No such device");
  }
}
