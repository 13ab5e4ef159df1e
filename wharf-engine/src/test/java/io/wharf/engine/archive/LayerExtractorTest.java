package io.wharf.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.sys.FileSystemCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerExtractorTest {
  @TempDir Path temp;
  Path target;
  Path outside;

  @BeforeEach
  void dirs() throws Exception {
    target = Files.createDirectory(temp.resolve("target"));
    outside = Files.createDirectory(temp.resolve("outside"));
  }

  private LayerStats extract(byte[] tar) throws Exception {
    return LayerExtractor.extract(new ByteArrayInputStream(tar), target);
  }

  @Test
  void diffIdIsTheSha256OfTheTarBytes() throws Exception {
    byte[] tar = new TarBuilder().dir("etc").file("etc/hostname", "wharf\n").build();
    LayerStats stats = extract(tar);
    assertThat(stats.diffId()).isEqualTo(Digest.of(tar));
    assertThat(stats.size()).isEqualTo(6);
    assertThat(Files.readString(target.resolve("etc/hostname"))).isEqualTo("wharf\n");
  }

  @Test
  void dotDotEntryIsRefusedAndNothingIsWrittenOutside() throws Exception {
    byte[] tar = new TarBuilder().file("../outside/evil", "x").build();
    assertThatThrownBy(() -> extract(tar)).isInstanceOf(InvalidArgument.class)
        .hasMessageContaining("path escapes the archive root");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void absolutePathLandsInsideTheTarget() throws Exception {
    extract(new TarBuilder().file("/abs/file", "in").build());
    assertThat(Files.readString(target.resolve("abs/file"))).isEqualTo("in");
  }

  @Test
  void absoluteSymlinkIsFollowedInsideTheTargetOnly() throws Exception {
    // aimed at a temporary directory, not at the host's /etc: a regression must not harm the machine
    extract(new TarBuilder().symlink("root", outside.toString()).file("root/x", "inside").build());
    assertThat(outside).isEmptyDirectory();
    assertThat(Files.readString(target.resolve(outside.toString().substring(1)).resolve("x"))).isEqualTo("inside");
    assertThat(Files.readSymbolicLink(target.resolve("root")).toString()).isEqualTo(outside.toString());
  }

  @Test
  void relativeSymlinkClimbingOutStaysInside() throws Exception {
    extract(new TarBuilder().symlink("up", "../../../../" + outside.getFileName()).file("up/x", "caught").build());
    assertThat(outside).isEmptyDirectory();
    assertThat(Files.readString(target.resolve(outside.getFileName() + "/x"))).isEqualTo("caught");
  }

  @Test
  void symlinkToAnOutsideDirectoryIsNotWrittenThrough() throws Exception {
    extract(new TarBuilder().symlink("link", outside.toString()).file("link/owned", "no").build());
    assertThat(outside).isEmptyDirectory();
    assertThat(Files.readString(target.resolve(outside.toString().substring(1) + "/owned"))).isEqualTo("no");
  }

  @Test
  void fileReplacingASymlinkDoesNotWriteThroughIt() throws Exception {
    Path victim = Files.writeString(outside.resolve("victim"), "safe");
    extract(new TarBuilder().symlink("f", victim.toString()).file("f", "replaced").build());
    assertThat(Files.readString(victim)).isEqualTo("safe");
    assertThat(Files.isSymbolicLink(target.resolve("f"))).isFalse();
    assertThat(Files.readString(target.resolve("f"))).isEqualTo("replaced");
  }

  @Test
  void hardLinkOutOfTheArchiveIsRefused() throws Exception {
    Files.writeString(outside.resolve("secret"), "s");
    byte[] tar = new TarBuilder().hardlink("h", "../outside/secret").build();
    assertThatThrownBy(() -> extract(tar)).isInstanceOf(InvalidArgument.class);
  }

  @Test
  void hardLinkInsideTheArchiveWorks() throws Exception {
    extract(new TarBuilder().file("a", "same").hardlink("b", "a").build());
    assertThat(Files.isSameFile(target.resolve("a"), target.resolve("b"))).isTrue();
  }

  @Test
  void deviceFilesAreRefused() throws Exception {
    byte[] tar = new TarBuilder().charDevice("dev/mem", 1, 1).build();
    assertThatThrownBy(() -> extract(tar)).isInstanceOf(InvalidArgument.class)
        .hasMessageContaining("device files are not allowed");
  }

  @Test
  void truncatedTarIsRefusedWithAClearMessage() throws Exception {
    byte[] tar = new TarBuilder().file("big", "x".repeat(5000)).build();
    byte[] truncated = Arrays.copyOf(tar, 1200);
    assertThatThrownBy(() -> extract(truncated)).isInstanceOf(InvalidArgument.class)
        .hasMessageStartingWith("invalid tar archive");
  }

  @Test
  void bytesThatAreNoTarAreRefused() {
    // docker-java 3.7.1's createImageCmd(repo, stream) sends "{}" instead of the tar (seen on the wire)
    assertThatThrownBy(() -> extract("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidArgument.class).hasMessage("invalid tar archive: unexpected EOF");
  }

  @Test
  void anEmptyStreamIsAnEmptyLayer() throws Exception {
    assertThat(extract(new byte[0]).size()).isZero();
  }

  @Test
  void modesAndSetuidAreKept() throws Exception {
    extract(new TarBuilder().file("bin/tool", "#!", 04755).build());
    int mode = (Integer) Files.getAttribute(target.resolve("bin/tool"), "unix:mode");
    assertThat(mode & 07777).isEqualTo(04755);
  }

  @Test
  @Tag("root")
  void whiteoutsBecomeOverlayWhiteouts() throws Exception {
    extract(new TarBuilder().dir("etc").file("etc/.wh.motd", "").file("var/.wh..wh..opq", "").build());
    Path whiteout = target.resolve("etc/motd");
    assertThat((Integer) Files.getAttribute(whiteout, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000).isEqualTo(0020000);
    assertThat((Long) Files.getAttribute(whiteout, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isZero();
    assertThat(FileSystemCalls.getXattr(target.resolve("var"), "trusted.overlay.opaque")).containsExactly('y');
    assertThat(target.resolve("var/.wh..wh..opq")).doesNotExist();
  }

  @Test
  void compressionIsDetectedAndUndone() throws Exception {
    byte[] tar = new TarBuilder().file("hello", "hi").build();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar);
    }
    assertThat(Compression.detect(gz.toByteArray(), 4)).isEqualTo(Compression.GZIP);
    assertThat(Compression.decompress(new ByteArrayInputStream(gz.toByteArray())).readAllBytes()).isEqualTo(tar);
    byte[] zstd = com.github.luben.zstd.Zstd.compress(tar);
    assertThat(Compression.detect(zstd, 4)).isEqualTo(Compression.ZSTD);
    assertThat(Compression.decompress(new ByteArrayInputStream(zstd)).readAllBytes()).isEqualTo(tar);
    assertThat(Compression.decompress(new ByteArrayInputStream(tar)).readAllBytes()).isEqualTo(tar);
  }

  @Test
  void directoryTimesAreNotSetThroughALinkThatLaterReplacedAParent() throws Exception {
    Path victim = Files.createDirectory(outside.resolve("b"));
    Files.setLastModifiedTime(victim, java.nio.file.attribute.FileTime.fromMillis(0));
    byte[] tar = new TarBuilder().dir("a").dir("a/b").symlink("a", outside.toString()).build();
    extract(tar);
    assertThat(Files.isSymbolicLink(target.resolve("a"))).isTrue();
    assertThat(Files.getLastModifiedTime(victim).toMillis()).isZero();
  }
}
