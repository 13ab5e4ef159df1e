package io.wharf.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.engine.archive.TarBuilder;
import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.runtime.Mount;
import io.wharf.sys.MountCalls;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlaySnapshotterTest {
  @TempDir Path root;
  OverlaySnapshotter snapshots;
  Digest base;
  Digest top;

  @BeforeEach
  void unpackTwoLayers() throws Exception {
    snapshots = new OverlaySnapshotter(root.resolve("snapshots"));
    byte[] lower = new TarBuilder().file("etc/motd", "base\n").file("etc/issue", "wharf\n").build();
    byte[] upper = new TarBuilder().file("etc/motd", "top\n").file("etc/.wh.issue", "").build();
    base = Snapshotter.chainId(null, Digest.of(lower));
    top = Snapshotter.chainId(base, Digest.of(upper));
    snapshots.unpack(base, new ByteArrayInputStream(lower));
    snapshots.unpack(top, new ByteArrayInputStream(upper));
  }

  @Test
  void prepareGivesAnOverlayMountOfTheChainTopFirst() throws Exception {
    Mount mount = snapshots.prepare("c1", List.of(base, top));
    assertThat(mount.type()).isEqualTo("overlay");
    assertThat(mount.options()).containsExactly(
        "lowerdir=" + snapshots.path(top) + ":" + snapshots.path(base),
        "upperdir=" + snapshots.upper("c1"), "workdir=" + root.resolve("snapshots/active/c1/work"));
    snapshots.removeActive("c1");
    assertThat(root.resolve("snapshots/active/c1")).doesNotExist();
    assertThat(snapshots.list()).containsExactlyInAnyOrder(base, top);
  }

  @Test
  void stagedLayerBecomesASnapshotOnlyWhenCommitted() throws Exception {
    byte[] layer = new TarBuilder().file("etc/hostname", "staged\n").build();
    Digest chain = Snapshotter.chainId(top, Digest.of(layer));
    try (Snapshotter.Staged staged = snapshots.stage(new ByteArrayInputStream(layer))) {
      assertThat(staged.size()).isEqualTo("staged\n".length());
      assertThat(snapshots.list()).containsExactlyInAnyOrder(base, top);
      staged.commit(chain);
    }
    assertThat(Files.readString(snapshots.path(chain).resolve("etc/hostname"))).isEqualTo("staged\n");
    assertThat(snapshots.unpack(chain, new ByteArrayInputStream(layer)).size()).isEqualTo("staged\n".length());
    assertThat(stagingDirectories()).isEmpty();
  }

  @Test
  void stagedLayerClosedUncommittedLeavesNothing() throws Exception {
    snapshots.stage(new ByteArrayInputStream(new TarBuilder().file("x", "x").build())).close();
    assertThat(stagingDirectories()).isEmpty();
    assertThat(snapshots.list()).containsExactlyInAnyOrder(base, top);
  }

  @Test
  void stagedCopyOfASnapshotThatExistsIsDropped() throws Exception {
    Object inode = Files.getAttribute(snapshots.path(base), "unix:ino");
    byte[] other = new TarBuilder().file("etc/motd", "other\n").build();
    try (Snapshotter.Staged staged = snapshots.stage(new ByteArrayInputStream(other))) {
      staged.commit(base);
    }
    assertThat(Files.getAttribute(snapshots.path(base), "unix:ino")).isEqualTo(inode);
    assertThat(Files.readString(snapshots.path(base).resolve("etc/motd"))).isEqualTo("base\n");
    assertThat(stagingDirectories()).isEmpty();
  }

  @Test
  void brokenTarIsNotStaged() throws Exception {
    byte[] tar = new TarBuilder().file("x", "x").build();
    byte[] cut = java.util.Arrays.copyOf(tar, 700);
    assertThatThrownBy(() -> snapshots.stage(new ByteArrayInputStream(cut))).isInstanceOf(InvalidArgument.class);
    assertThat(stagingDirectories()).isEmpty();
  }

  private List<Path> stagingDirectories() throws Exception {
    try (var entries = Files.list(root.resolve("snapshots"))) {
      return entries.filter(p -> p.getFileName().toString().startsWith("tmp-")).toList();
    }
  }

  @Test
  void keysThatCouldEscapeAreRefused() {
    assertThatThrownBy(() -> snapshots.prepare("../x", List.of(base))).isInstanceOf(InvalidArgument.class);
  }

  @Test
  @Tag("root")
  void mountedChainShowsTheTopLayerAndItsWhiteoutsAndKeepsWritesInUpper() throws Exception {
    Mount mount = snapshots.prepare("c2", List.of(base, top));
    Path rootfs = Files.createDirectory(root.resolve("rootfs"));
    MountCalls.mount(mount.source(), rootfs, mount.type(), 0, String.join(",", mount.options()));
    try {
      assertThat(Files.readString(rootfs.resolve("etc/motd"))).isEqualTo("top\n");
      assertThat(rootfs.resolve("etc/issue")).doesNotExist();
      Files.writeString(rootfs.resolve("etc/new"), "written");
    } finally {
      MountCalls.unmount(rootfs, 0);
    }
    assertThat(Files.readString(snapshots.upper("c2").resolve("etc/new"))).isEqualTo("written");
    assertThat(snapshots.path(base).resolve("etc/new")).doesNotExist();
    snapshots.removeActive("c2");
  }
}
