package io.wharf.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.engine.archive.ContainerArchive.PathStat;
import io.wharf.oci.errors.NotFound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerArchiveStatTest {
  @TempDir Path temp;
  ContainerRootFixture fixture;
  Path root;

  @BeforeEach
  void container() throws Exception {
    fixture = new ContainerRootFixture(temp);
    root = fixture.root;
  }

  private PathStat stat(String path) throws Exception {
    return ContainerArchive.stat(root, path, "c");
  }

  @Test
  void fileHasItsPermissionBitsSizeAndNoLinkTarget() throws Exception {
    Files.setLastModifiedTime(root.resolve("etc/hostname"), FileTime.from(Instant.parse("2024-01-02T03:04:05.123400Z")));
    assertThat(stat("/etc/hostname"))
        .isEqualTo(new PathStat("hostname", 6, 0644, "2024-01-02T03:04:05.1234Z", ""));
  }

  @Test
  void wholeSecondsHaveNoFraction() throws Exception {
    Files.setLastModifiedTime(root.resolve("etc/hostname"), FileTime.from(Instant.parse("2024-01-02T03:04:05Z")));
    assertThat(stat("etc/hostname").mtime()).isEqualTo("2024-01-02T03:04:05Z");
  }

  @Test
  void directoryHasGosDirBit() throws Exception {
    PathStat dir = stat("/dir");
    assertThat(dir.mode()).isEqualTo((1L << 31) | 0755);
    assertThat(dir.name()).isEqualTo("dir");
  }

  @Test
  void setuidSetgidAndStickyMoveToGosBits() throws Exception {
    Files.setAttribute(root.resolve("dir/a"), "unix:mode", 07755);
    assertThat(stat("/dir/a").mode()).isEqualTo((1L << 23) | (1L << 22) | (1L << 20) | 0755);
  }

  @Test
  void symlinkIsNotFollowedAndReportsWhereItLeadsInsideTheRoot() throws Exception {
    PathStat link = stat("/dir/link");
    assertThat(link.mode()).isEqualTo((1L << 27) | 0777);
    assertThat(link.size()).isEqualTo(1);
    assertThat(link.linkTarget()).isEqualTo("/dir/a");
    assertThat(stat("/linkdir").linkTarget()).isEqualTo("/dir");
  }

  @Test
  void linksOutOfTheRootLeadToTheRoot() throws Exception {
    assertThat(stat("/escape").linkTarget()).isEqualTo("/");
    assertThat(stat("/up").linkTarget()).isEqualTo("/");
    assertThat(stat("/host").linkTarget()).isEqualTo(fixture.outside.toString());
  }

  @Test
  void trailingSlashOrDotFollowsTheLastLink() throws Exception {
    PathStat slash = stat("/linkdir/");
    assertThat(slash.name()).isEqualTo("linkdir");
    assertThat(slash.mode()).isEqualTo((1L << 31) | 0755);
    assertThat(slash.linkTarget()).isEmpty();
    assertThat(stat("/linkdir/.").name()).isEqualTo(".");
    assertThat(stat("/").name()).isEqualTo("/");
  }

  @Test
  void pathThroughALinkToTheRootStaysInside() throws Exception {
    assertThat(stat("/escape/etc/hostname").size()).isEqualTo(6);
    assertThat(stat("/up/up/etc/hostname").size()).isEqualTo(6);
    assertThat(stat("/../../etc/hostname").name()).isEqualTo("hostname");
  }

  @Test
  void missingPathIsNotFoundInDockersWords() {
    assertThatThrownBy(() -> stat("/nope")).isInstanceOf(NotFound.class)
        .hasMessage("Could not find the file /nope in container c");
    assertThatThrownBy(() -> stat("/etc/hostname/x")).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> stat("/etc/hostname/")).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> stat("/nope/x")).isInstanceOf(NotFound.class);
  }

  @Test
  void aHostPathOutsideTheRootIsNotFound() throws Exception {
    Files.writeString(fixture.outside.resolve("secret"), "s");
    Files.setPosixFilePermissions(fixture.outside, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(() -> stat("/host/secret")).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> stat("/up/" + fixture.outside.getFileName() + "/secret")).isInstanceOf(NotFound.class);
  }

  @Test
  void pathsAreNormalisedAsDockerDoes() {
    assertThat(ContainerPath.of("etc/hostname").absolute()).isEqualTo("/etc/hostname");
    assertThat(ContainerPath.of("/a/../b/").absolute()).isEqualTo("/b/");
    assertThat(ContainerPath.of("/a/.").absolute()).isEqualTo("/a/.");
    assertThat(ContainerPath.of("/a/./").absolute()).isEqualTo("/a/./");
    assertThat(ContainerPath.of("/").absolute()).isEqualTo("/");
    assertThat(ContainerPath.of("/.").absolute()).isEqualTo("/.");
    assertThat(ContainerPath.of("/..").absolute()).isEqualTo("/");
    assertThat(ContainerPath.clean("a/../../x")).isEqualTo("../x");
    assertThat(ContainerPath.clean("/../x")).isEqualTo("/x");
  }
}
