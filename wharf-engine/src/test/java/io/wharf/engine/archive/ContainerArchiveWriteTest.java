package io.wharf.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.engine.archive.ContainerRootFixture.Entry;
import io.wharf.oci.errors.NotFound;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerArchiveWriteTest {
  @TempDir Path temp;
  ContainerRootFixture fixture;
  Path root;

  @BeforeEach
  void container() throws Exception {
    fixture = new ContainerRootFixture(temp);
    root = fixture.root;
  }

  private List<Entry> write(String path) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContainerArchive.write(root, path, "c", out);
    return ContainerRootFixture.read(out.toByteArray());
  }

  private static List<String> names(List<Entry> entries) {
    return entries.stream().map(Entry::name).toList();
  }

  @Test
  void fileIsOneEntryNamedByItsBaseName() throws Exception {
    Files.setLastModifiedTime(root.resolve("etc/hostname"), FileTime.from(Instant.parse("2024-01-02T03:04:05.9Z")));
    List<Entry> entries = write("/etc/hostname");
    assertThat(entries).hasSize(1);
    Entry hostname = entries.getFirst();
    assertThat(hostname.name()).isEqualTo("hostname");
    assertThat(hostname.type()).isEqualTo(TarConstants.LF_NORMAL);
    assertThat(hostname.content()).isEqualTo("wharf\n");
    assertThat(hostname.mode()).isEqualTo(0644); // permission bits only, as Go's tar writes them
    assertThat(hostname.mtime()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z").toEpochMilli());
  }

  @Test
  void writeReturnsTheSameStatAsStat() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ContainerArchive.write(root, "/dir/.", "c", out)).isEqualTo(ContainerArchive.stat(root, "/dir/.", "c"));
  }

  @Test
  void directoryComesWithEverythingBelowInNameOrder() throws Exception {
    List<Entry> entries = write("/dir");
    assertThat(names(entries)).containsExactly("dir/", "dir/a", "dir/hard", "dir/link", "dir/sub/", "dir/sub/b");
    assertThat(entries.get(0).type()).isEqualTo(TarConstants.LF_DIR);
    assertThat(entries.get(0).mode()).isEqualTo(0755);
    assertThat(entries.get(1).mode()).isEqualTo(0640);
    assertThat(entries.get(1).content()).isEqualTo("A");
    Entry hard = entries.get(2);
    assertThat(hard.type()).isEqualTo(TarConstants.LF_LINK);
    assertThat(hard.linkName()).isEqualTo("dir/a");
    Entry link = entries.get(3);
    assertThat(link.type()).isEqualTo(TarConstants.LF_SYMLINK);
    assertThat(link.linkName()).isEqualTo("a");
  }

  @Test
  void trailingDotArchivesTheContentsOnly() throws Exception {
    assertThat(names(write("/dir/."))).containsExactly("./", "./a", "./hard", "./link", "./sub/", "./sub/b");
  }

  @Test
  void trailingSlashFollowsALinkAndKeepsTheNameAsked() throws Exception {
    assertThat(names(write("/linkdir/"))).containsExactly(
        "linkdir/", "linkdir/a", "linkdir/hard", "linkdir/link", "linkdir/sub/", "linkdir/sub/b");
  }

  @Test
  void linkAskedForIsTheLinkItself() throws Exception {
    List<Entry> entries = write("/linkdir");
    assertThat(entries).hasSize(1);
    assertThat(entries.getFirst().type()).isEqualTo(TarConstants.LF_SYMLINK);
    assertThat(entries.getFirst().linkName()).isEqualTo("dir");
  }

  @Test
  void linksInsideTheTreeAreStoredNotFollowed() throws Exception {
    List<Entry> entries = write("/");
    assertThat(entries.getFirst().name()).isEqualTo("/");
    assertThat(names(entries)).contains("/etc/hostname", "/escape", "/up", "/host")
        .noneMatch(name -> name.startsWith("/escape/") || name.startsWith("/host/"));
    assertThat(entries).filteredOn(e -> e.name().equals("/escape")).singleElement()
        .satisfies(e -> assertThat(e.linkName()).isEqualTo("/"));
  }

  @Test
  void pathThroughALinkToTheRootStaysInsideTheRoot() throws Exception {
    Files.writeString(fixture.outside.resolve("secret"), "host");
    assertThat(names(write("/escape/etc"))).containsExactly("etc/", "etc/hostname");
    assertThat(names(write("/up/up/etc/."))).containsExactly("./", "./hostname");
    assertThatThrownBy(() -> write("/host/secret")).isInstanceOf(NotFound.class);
  }

  @Test
  void longNamesTravelInPaxHeaders() throws Exception {
    String longName = "d".repeat(120) + "/" + "f".repeat(150);
    Files.createDirectories(root.resolve("tmp").resolve(longName).getParent());
    Files.writeString(root.resolve("tmp").resolve(longName), "long");
    assertThat(write("/tmp")).filteredOn(e -> e.content().equals("long")).singleElement()
        .satisfies(e -> assertThat(e.name()).isEqualTo("tmp/" + longName));
  }

  @Test
  void missingPathWritesNothing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> ContainerArchive.write(root, "/nope", "c", out)).isInstanceOf(NotFound.class)
        .hasMessage("Could not find the file /nope in container c");
    assertThat(out.size()).isZero();
  }

  @Test
  void whatIsWrittenExtractsToTheSameTree() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContainerArchive.write(root, "/dir", "c", out);
    ContainerArchive.extract(root, "/tmp", "c", new java.io.ByteArrayInputStream(out.toByteArray()), true);
    Path copy = root.resolve("tmp/dir");
    assertThat(Files.readString(copy.resolve("sub/b"))).isEqualTo("B");
    assertThat(Files.readSymbolicLink(copy.resolve("link"))).isEqualTo(Path.of("a"));
    assertThat(Files.isSameFile(copy.resolve("a"), copy.resolve("hard"))).isTrue();
    assertThat(Files.getAttribute(copy.resolve("a"), "unix:mode")).isEqualTo(0100640);
  }
}
