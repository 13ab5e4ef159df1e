package io.wharf.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerArchiveExtractTest {
  @TempDir Path temp;
  ContainerRootFixture fixture;
  Path root;
  Path outside;

  @BeforeEach
  void container() throws Exception {
    fixture = new ContainerRootFixture(temp);
    root = fixture.root;
    outside = fixture.outside;
  }

  @AfterEach
  void nothingWasWrittenOutsideTheRoot() {
    assertThat(outside).isEmptyDirectory();
  }

  private void extract(String path, byte[] tar) throws Exception {
    ContainerArchive.extract(root, path, "c", new ByteArrayInputStream(tar), false);
  }

  private void extractNoOverwrite(String path, byte[] tar) throws Exception {
    ContainerArchive.extract(root, path, "c", new ByteArrayInputStream(tar), true);
  }

  @Test
  void filesAndDirectoriesLandWithTheirModesAndTimes() throws Exception {
    Instant dirTime = Instant.parse("2001-02-03T04:05:06Z");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry dir = new TarArchiveEntry("d/");
      dir.setMode(0750);
      dir.setModTime(FileTime.from(dirTime));
      tar.putArchiveEntry(dir);
      tar.closeArchiveEntry();
      TarArchiveEntry file = new TarArchiveEntry("d/f");
      file.setMode(04711);
      file.setSize(2);
      tar.putArchiveEntry(file);
      tar.write("hi".getBytes(StandardCharsets.UTF_8));
      tar.closeArchiveEntry();
    }
    extract("/tmp", bytes.toByteArray());
    Path d = root.resolve("tmp/d");
    assertThat(Files.readString(d.resolve("f"))).isEqualTo("hi");
    assertThat(Files.getAttribute(d.resolve("f"), "unix:mode")).isEqualTo(0104711);
    assertThat(Files.getAttribute(d, "unix:mode")).isEqualTo(040750);
    assertThat(Files.getLastModifiedTime(d).toInstant()).isEqualTo(dirTime); // set after its file
  }

  @Test
  void missingDirectoryIsNotFound() {
    assertThatThrownBy(() -> extract("/nope", new TarBuilder().file("x", "x").build()))
        .isInstanceOf(NotFound.class).hasMessage("Could not find the file /nope in container c");
  }

  @Test
  void extractionPointMustBeADirectory() {
    assertThatThrownBy(() -> extract("/etc/hostname", new TarBuilder().file("x", "x").build()))
        .isInstanceOf(InvalidArgument.class).hasMessage("extraction point is not a directory");
  }

  @Test
  void extractionPointThroughALinkIsItsTarget() throws Exception {
    extract("/linkdir", new TarBuilder().file("new", "n").build());
    assertThat(Files.readString(root.resolve("dir/new"))).isEqualTo("n");
    assertThat(root.resolve("linkdir")).isSymbolicLink();
  }

  @Test
  void entryClimbingOutOfTheExtractionPointIsRefused() {
    assertThatThrownBy(() -> extract("/tmp", new TarBuilder().file("../../x", "x").build()))
        .isInstanceOf(InvalidArgument.class).hasMessage("\"../../x\" is outside of \"/tmp\"");
    assertThatThrownBy(() -> extract("/tmp", new TarBuilder().file("a/../../x", "x").build()))
        .isInstanceOf(InvalidArgument.class).hasMessageContaining("is outside of");
    assertThat(root.resolve("x")).doesNotExist();
  }

  @Test
  void absoluteEntryLandsUnderTheExtractionPoint() throws Exception {
    extract("/tmp", new TarBuilder().file("/abs/x", "a").file("/../y", "b").build());
    assertThat(Files.readString(root.resolve("tmp/abs/x"))).isEqualTo("a");
    assertThat(Files.readString(root.resolve("tmp/y"))).isEqualTo("b");
  }

  @Test
  void entryThroughTheContainersLinkToSlashStaysInTheRoot() throws Exception {
    String name = "wharf-cp-test-" + UUID.randomUUID();
    Path hostFile = Path.of("/etc", name);
    try {
      extract("/", new TarBuilder().file("escape/etc/" + name, "inside").build());
      assertThat(Files.readString(root.resolve("etc").resolve(name))).isEqualTo("inside");
      assertThat(hostFile).doesNotExist();
    } finally {
      Files.deleteIfExists(hostFile);
    }
  }

  @Test
  void entriesThroughTheContainersLinksToTheHostStayInTheRoot() throws Exception {
    extract("/", new TarBuilder()
        .file("escape" + outside + "/a", "1")
        .file("up" + outside + "/b", "2")
        .file("host/c", "3")
        .dir("host/d")
        .build());
    assertThat(fixture.outsideSeenFromRoot()).isDirectoryContaining(p -> p.endsWith("a"))
        .isDirectoryContaining(p -> p.endsWith("b")).isDirectoryContaining(p -> p.endsWith("c"));
  }

  @Test
  void extractionPointThroughALinkOutOfTheRootStaysInTheRoot() throws Exception {
    Files.createDirectories(fixture.outsideSeenFromRoot());
    extract("/host", new TarBuilder().file("x", "in").build());
    assertThat(Files.readString(fixture.outsideSeenFromRoot().resolve("x"))).isEqualTo("in");
    extract("/up/tmp", new TarBuilder().file("y", "in").build());
    assertThat(root.resolve("tmp/y")).exists();
  }

  @Test
  void symlinkInTheTarThenAFileUnderItStaysInTheRoot() throws Exception {
    // aimed at the sibling directory outside, never at a host file that matters, should this break
    extract("/tmp", new TarBuilder()
        .symlink("slash", "/")
        .file("slash" + outside + "/under-slash", "1")
        .symlink("away", outside.toString())
        .file("away/owned", "2")
        .build());
    assertThat(Files.readSymbolicLink(root.resolve("tmp/slash"))).isEqualTo(Path.of("/"));
    assertThat(fixture.outsideSeenFromRoot().resolve("under-slash")).hasContent("1");
    assertThat(fixture.outsideSeenFromRoot().resolve("owned")).hasContent("2");
  }

  @Test
  void symlinkClimbingOutOfTheExtractionPointIsRefusedAsDockerDoes() {
    assertThatThrownBy(() -> extract("/tmp", new TarBuilder().symlink("s", "../../..").build()))
        .isInstanceOf(InvalidArgument.class).hasMessage("invalid symlink \"/tmp/s\" -> \"../../..\"");
  }

  @Test
  void existingLinkIsReplacedNotWrittenThrough() throws Exception {
    Files.createSymbolicLink(root.resolve("tmp/victim"), outside.resolve("victim"));
    Files.createSymbolicLink(root.resolve("tmp/victimdir"), outside);
    extract("/tmp", new TarBuilder().file("victim", "mine").dir("victimdir").file("victimdir/x", "x").build());
    assertThat(root.resolve("tmp/victim")).isRegularFile().hasContent("mine");
    assertThat(root.resolve("tmp/victimdir")).isDirectory();
    assertThat(Files.isSymbolicLink(root.resolve("tmp/victimdir"))).isFalse();
  }

  @Test
  void noOverwriteDirNonDirRefusesAFileOverADirectory() throws Exception {
    Files.createDirectories(root.resolve("tmp/x"));
    assertThatThrownBy(() -> extractNoOverwrite("/tmp", new TarBuilder().file("x", "f").build()))
        .isInstanceOf(InvalidArgument.class)
        .hasMessage("cannot overwrite directory \"/tmp/x\" with non-directory \"/tmp\"");
    assertThat(root.resolve("tmp/x")).isDirectory();
  }

  @Test
  void noOverwriteDirNonDirRefusesADirectoryOverAFile() throws Exception {
    Files.writeString(root.resolve("tmp/f"), "file");
    assertThatThrownBy(() -> extractNoOverwrite("/tmp", new TarBuilder().dir("f").build()))
        .isInstanceOf(InvalidArgument.class)
        .hasMessage("cannot overwrite non-directory \"/tmp/f\" with directory \"/tmp\"");
    assertThat(root.resolve("tmp/f")).hasContent("file");
  }

  @Test
  void withoutNoOverwriteDirNonDirTheTarWins() throws Exception {
    Files.createDirectories(root.resolve("tmp/x/inner"));
    Files.writeString(root.resolve("tmp/f"), "file");
    extract("/tmp", new TarBuilder().file("x", "now a file").dir("f").build());
    assertThat(root.resolve("tmp/x")).hasContent("now a file");
    assertThat(root.resolve("tmp/f")).isDirectory();
  }

  @Test
  void theExtractionPointItselfIsNeverReplaced() throws Exception {
    extract("/tmp", new TarBuilder().dir(".").file("./in", "x").build());
    assertThat(root.resolve("tmp/in")).hasContent("x");
    assertThatThrownBy(() -> extract("/tmp", new TarBuilder().file(".", "x").build()))
        .isInstanceOf(InvalidArgument.class)
        .hasMessage("cannot overwrite directory \"/tmp\" with non-directory \"/tmp\"");
    assertThat(root.resolve("tmp")).isDirectory();
  }

  @Test
  void hardLinksAreMadeWithinTheExtractionPointOnly() throws Exception {
    extract("/tmp", new TarBuilder().file("f", "x").hardlink("g", "f").build());
    assertThat(Files.isSameFile(root.resolve("tmp/f"), root.resolve("tmp/g"))).isTrue();
    assertThatThrownBy(() -> extract("/tmp", new TarBuilder().hardlink("h", "../etc/hostname").build()))
        .isInstanceOf(InvalidArgument.class).hasMessageContaining("invalid hardlink");
    assertThatThrownBy(() -> extract("/tmp", new TarBuilder().hardlink("h", "missing").build()))
        .isInstanceOf(InvalidArgument.class).hasMessageContaining("invalid hardlink");
  }

  @Test
  void deviceFilesAreRefusedBeforeAnythingIsReplaced() throws Exception {
    Files.writeString(root.resolve("tmp/null"), "keep");
    assertThatThrownBy(() -> extract("/tmp", new TarBuilder().charDevice("null", 1, 3).build()))
        .isInstanceOf(InvalidArgument.class).hasMessageContaining("device files are not allowed");
    assertThat(root.resolve("tmp/null")).hasContent("keep");
  }

  @Test
  void compressedTarsAreDetected() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(new TarBuilder().file("zipped", "z").build());
    }
    extract("/tmp", gz.toByteArray());
    assertThat(root.resolve("tmp/zipped")).hasContent("z");
  }

  @Test
  void brokenTarIsAnInvalidArgumentAndEarlierEntriesStay() throws Exception {
    byte[] tar = new TarBuilder().file("first", "1").file("second", "x".repeat(2000)).build();
    byte[] cut = Arrays.copyOf(tar, 512 + 512 + 512 + 100);
    assertThatThrownBy(() -> extract("/tmp", cut)).isInstanceOf(InvalidArgument.class)
        .hasMessageStartingWith("invalid tar archive");
    assertThat(root.resolve("tmp/first")).hasContent("1");
    assertThatThrownBy(() -> extract("/tmp", "not a tar at all".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidArgument.class).hasMessage("invalid tar archive: unexpected EOF");
  }

  @Test
  void directoryTimesAreNotSetThroughALinkThatLaterTookItsPlace() throws Exception {
    FileTime before = Files.getLastModifiedTime(outside);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry dir = new TarArchiveEntry("d/");
      dir.setModTime(FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
      tar.putArchiveEntry(dir);
      tar.closeArchiveEntry();
      TarArchiveEntry link = new TarArchiveEntry("d", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName(outside.toString());
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }
    extract("/", bytes.toByteArray());
    assertThat(Files.isSymbolicLink(root.resolve("d"))).isTrue();
    assertThat(Files.getLastModifiedTime(outside)).isEqualTo(before);
  }

  @Test
  @Tag("root")
  void ownersComeFromTheTar() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry file = new TarArchiveEntry("owned");
      file.setIds(1234, 5678);
      file.setMode(0600);
      tar.putArchiveEntry(file);
      tar.closeArchiveEntry();
    }
    extract("/tmp", bytes.toByteArray());
    Path owned = root.resolve("tmp/owned");
    assertThat(Files.getAttribute(owned, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1234);
    assertThat(Files.getAttribute(owned, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(5678);
  }
}
