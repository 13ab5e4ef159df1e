package io.wharf.engine.build.context;

import static io.wharf.engine.build.context.Fixtures.gid;
import static io.wharf.engine.build.context.Fixtures.mode;
import static io.wharf.engine.build.context.Fixtures.mtimeSeconds;
import static io.wharf.engine.build.context.Fixtures.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.engine.archive.TarBuilder;
import io.wharf.engine.build.context.Fixtures.Entry;
import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.SystemError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("root")
class BuildContextTest {
  @TempDir Path temp;
  Path dir;
  Path outside;
  ContentHashIndex hashes = new ContentHashIndex();

  @BeforeEach
  void dirs() throws Exception {
    dir = temp.resolve("context");
    outside = Files.createDirectory(temp.resolve("outside"));
  }

  private BuildContext unpack(byte[] tar) throws Exception {
    return BuildContext.unpack(new ByteArrayInputStream(tar), dir, hashes);
  }

  @Test
  void plainTarIsUnpackedWithModesOwnersAndMtimes() throws Exception {
    byte[] tar = Fixtures.tar(Entry.dir("src"), new Entry("src/run.sh", "#!/bin/sh\n", 0104750, 1000, 2000, 1_500_000_000L),
        new Entry("src/", null, 040700, 7, 8, 1_400_000_000L));
    try (BuildContext context = unpack(tar)) {
      Path run = context.root().resolve("src/run.sh");
      assertThat(run).hasContent("#!/bin/sh");
      assertThat(mode(run)).isEqualTo(04750);
      assertThat(uid(run)).isEqualTo(1000);
      assertThat(gid(run)).isEqualTo(2000);
      assertThat(mtimeSeconds(run)).isEqualTo(1_500_000_000L);
      Path src = context.root().resolve("src");
      assertThat(mode(src)).isEqualTo(0700);
      assertThat(uid(src)).isEqualTo(7);
      assertThat(mtimeSeconds(src)).isEqualTo(1_400_000_000L);
    }
  }

  @Test
  void gzipBzip2AndZstdContextsAreDetectedFromTheirFirstBytes() throws Exception {
    byte[] tar = new TarBuilder().file("Dockerfile", "FROM scratch\n").build();
    for (byte[] compressed : new byte[][] {Fixtures.gzip(tar), Fixtures.bzip2(tar), Fixtures.zstd(tar)}) {
      try (BuildContext context = unpack(compressed)) {
        assertThat(context.dockerfile(null)).isEqualTo("FROM scratch\n");
      }
      assertThat(dir).doesNotExist();
    }
  }

  @Test
  void xzContextIsUnpacked() throws Exception {
    try (BuildContext context = unpack(Fixtures.PKG_TAR_XZ)) {
      assertThat(context.root().resolve("pkg/hello.txt")).hasContent("from xz");
    }
  }

  @Test
  void eachFilesHashIsRecordedWhileItIsWritten() throws Exception {
    try (BuildContext context = unpack(new TarBuilder().file("a.txt", "alpha").file("b/c.txt", "gamma")
        .hardlink("b/same.txt", "a.txt").build())) {
      assertThat(hashes.hash(context.root().resolve("a.txt"))).isEqualTo(Digest.of("alpha".getBytes(StandardCharsets.UTF_8)));
      assertThat(hashes.hash(context.root().resolve("b/c.txt"))).isEqualTo(Digest.of("gamma".getBytes(StandardCharsets.UTF_8)));
      assertThat(hashes.hash(context.root().resolve("b/same.txt"))).isEqualTo(Digest.of("alpha".getBytes(StandardCharsets.UTF_8)));
      assertThat(hashes.reads()).isZero();
    }
  }

  @Test
  void dotDotEntryIsRefusedAndTheDirectoryDeleted() throws Exception {
    byte[] tar = new TarBuilder().file("ok", "x").file("../outside/evil", "x").build();
    assertThatThrownBy(() -> unpack(tar)).isInstanceOf(InvalidArgument.class)
        .hasMessageContaining("path escapes the archive root");
    assertThat(outside).isEmptyDirectory();
    assertThat(dir).doesNotExist();
  }

  @Test
  void absoluteNamesLandInsideTheContext() throws Exception {
    try (BuildContext context = unpack(new TarBuilder().file("/etc/motd", "in").build())) {
      assertThat(context.root().resolve("etc/motd")).hasContent("in");
    }
  }

  @Test
  void aFileWrittenThroughASymlinkStaysInside() throws Exception {
    byte[] tar = new TarBuilder().symlink("link", outside.toString()).file("link/owned", "no")
        .symlink("up", "../../../../../..").file("up/escaped", "no").build();
    try (BuildContext context = unpack(tar)) {
      assertThat(outside).isEmptyDirectory();
      assertThat(context.root().resolve(outside.toString().substring(1) + "/owned")).hasContent("no");
      assertThat(context.root().resolve("escaped")).hasContent("no");
      assertThat(Files.readSymbolicLink(context.root().resolve("link"))).isEqualTo(outside);
    }
  }

  @Test
  void directoryTimesAreNotSetThroughALinkThatLaterReplacedAParent() throws Exception {
    Path victim = Files.createDirectory(outside.resolve("b"));
    Files.setLastModifiedTime(victim, java.nio.file.attribute.FileTime.fromMillis(0));
    byte[] tar = Fixtures.tar(Entry.dir("a"), Entry.dir("a/b"));
    byte[] link = new TarBuilder().symlink("a", outside.toString()).build();
    byte[] both = new byte[tar.length - 1024 + link.length];
    System.arraycopy(tar, 0, both, 0, tar.length - 1024); // drop the end-of-archive blocks
    System.arraycopy(link, 0, both, tar.length - 1024, link.length);
    try (BuildContext context = unpack(both)) {
      assertThat(Files.isSymbolicLink(context.root().resolve("a"))).isTrue();
      assertThat(Files.getLastModifiedTime(victim).toMillis()).isZero();
    }
  }

  @Test
  void deviceFilesAreRefused() throws Exception {
    byte[] tar = new TarBuilder().file("Dockerfile", "FROM scratch").charDevice("dev/null", 1, 3).build();
    assertThatThrownBy(() -> unpack(tar)).isInstanceOf(InvalidArgument.class)
        .hasMessageContaining("device files are not allowed");
    assertThat(dir).doesNotExist();
  }

  @Test
  void truncatedTarIsRefused() throws Exception {
    byte[] tar = Arrays.copyOf(new TarBuilder().file("big", "x".repeat(5000)).build(), 1200);
    assertThatThrownBy(() -> unpack(tar)).isInstanceOf(InvalidArgument.class).hasMessageStartingWith("invalid tar archive");
    assertThat(dir).doesNotExist();
  }

  @Test
  void whiteoutNamesAreOrdinaryFiles() throws Exception {
    try (BuildContext context = unpack(new TarBuilder().file("app/.wh.config", "kept").file(".wh..wh..opq", "too").build())) {
      assertThat(context.root().resolve("app/.wh.config")).isRegularFile().hasContent("kept");
      assertThat(context.root().resolve(".wh..wh..opq")).isRegularFile();
    }
  }

  @Test
  void aDirectoryThatIsNotEmptyIsNotUsed() throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("precious"), "x");
    assertThatThrownBy(() -> unpack(new TarBuilder().file("a", "b").build())).isInstanceOf(SystemError.class);
    assertThat(dir.resolve("precious")).exists();
  }

  @Test
  void dockerfileByNameAndTheLowercaseFallback() throws Exception {
    try (BuildContext context = unpack(new TarBuilder().file("dockerfile", "FROM a").file("ci/Build.df", "FROM b").build())) {
      assertThat(context.dockerfile(null)).isEqualTo("FROM a");
      assertThat(context.dockerfile("Dockerfile")).isEqualTo("FROM a");
      assertThat(context.dockerfile("ci/Build.df")).isEqualTo("FROM b");
      assertThat(context.dockerfile("./ci//Build.df")).isEqualTo("FROM b");
      assertThatThrownBy(() -> context.dockerfile("Containerfile")).isInstanceOf(InvalidArgument.class)
          .hasMessage("Cannot locate specified Dockerfile: Containerfile");
    }
  }

  @Test
  void theUppercaseDockerfileWinsOverTheLowercaseOne() throws Exception {
    try (BuildContext context = unpack(new TarBuilder().file("dockerfile", "lower").file("Dockerfile", "upper").build())) {
      assertThat(context.dockerfile("")).isEqualTo("upper");
    }
  }

  @Test
  void missingEmptyAndEscapingDockerfilesAreRefused() throws Exception {
    try (BuildContext context = unpack(new TarBuilder().file("empty", "").symlink("Dockerfile", "/../../etc/passwd")
        .build())) {
      assertThatThrownBy(() -> context.dockerfile(null)).isInstanceOf(InvalidArgument.class)
          .hasMessage("Cannot locate specified Dockerfile: Dockerfile");
      assertThatThrownBy(() -> context.dockerfile("empty")).isInstanceOf(InvalidArgument.class)
          .hasMessage("the Dockerfile (empty) cannot be empty");
      assertThatThrownBy(() -> context.dockerfile("../Dockerfile")).isInstanceOf(InvalidArgument.class)
          .hasMessageContaining("outside the build context");
    }
  }

  @Test
  void dockerIgnoreDeletesWhatItExcludesIncludingItselfAndTheDockerfile() throws Exception {
    byte[] tar = new TarBuilder().file(".dockerignore", "# comment\n*.log\n/secrets\n**/tmp\n.dockerignore\nDockerfile\n")
        .file("Dockerfile", "FROM a").file("app.log", "x").file("src/main.c", "int main;").file("src/debug.log", "kept")
        .file("secrets/key", "k").file("src/deep/tmp/x", "x").build();
    try (BuildContext context = unpack(tar)) {
      assertThat(context.dockerfile(null)).isEqualTo("FROM a");
      context.applyDockerIgnore();
      Path root = context.root();
      assertThat(root.resolve(".dockerignore")).doesNotExist();
      assertThat(root.resolve("Dockerfile")).doesNotExist();
      assertThat(root.resolve("app.log")).doesNotExist();
      assertThat(root.resolve("secrets")).doesNotExist();
      assertThat(root.resolve("src/deep/tmp")).doesNotExist();
      assertThat(root.resolve("src/main.c")).exists();
      assertThat(root.resolve("src/debug.log")).as("*.log is for the top level only").exists();
    }
  }

  @Test
  void anExceptionKeepsAFileInsideAnExcludedDirectory() throws Exception {
    byte[] tar = new TarBuilder().file(".dockerignore", "docs\n!docs/README.md\nempty\n!empty/none\n")
        .file("docs/README.md", "r").file("docs/guide.md", "g").dir("empty/sub").build();
    try (BuildContext context = unpack(tar)) {
      context.applyDockerIgnore();
      assertThat(context.root().resolve("docs/README.md")).exists();
      assertThat(context.root().resolve("docs/guide.md")).doesNotExist();
      assertThat(context.root().resolve("empty")).doesNotExist();
      assertThat(context.root().resolve(".dockerignore")).exists();
    }
  }

  @Test
  void withoutDockerIgnoreNothingIsDeleted() throws Exception {
    try (BuildContext context = unpack(new TarBuilder().file("a.log", "x").build())) {
      context.applyDockerIgnore();
      assertThat(context.root().resolve("a.log")).exists();
    }
  }

  @Test
  void closeDeletesTheDirectory() throws Exception {
    BuildContext context = unpack(new TarBuilder().file("a/b/c", "x").build());
    context.close();
    assertThat(dir).doesNotExist();
  }
}
