package io.wharf.engine.build.context;

import static io.wharf.engine.build.context.Fixtures.mode;
import static io.wharf.engine.build.context.Fixtures.mtimeSeconds;
import static io.wharf.engine.build.context.Fixtures.uid;
import static io.wharf.engine.build.context.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.engine.build.context.Fixtures.Entry;
import io.wharf.oci.errors.InvalidArgument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADD's local archives: extracted when the content is a tar, whatever the name. */
@Tag("root")
class FileCopierAddTest {
  static final CopyOptions ADD = new CopyOptions(null, null, true);

  @TempDir Path temp;
  Path context;
  Path rootfs;
  byte[] tar;

  @BeforeEach
  void dirs() throws Exception {
    context = Files.createDirectory(temp.resolve("context"));
    rootfs = Files.createDirectory(temp.resolve("rootfs"));
    tar = Fixtures.tar(Entry.dir("pkg"), new Entry("pkg/bin/tool", "#!/bin/sh\n", 0100750, 1000, 1000, 1_234_567_890L),
        Entry.file("pkg/README", "read me"), Entry.file("pkg/.wh.kept", "not a whiteout"));
  }

  private void add(String name, byte[] content, String dest) throws Exception {
    Files.write(context.resolve(name), content);
    FileCopier.copy(SourceMatcher.match(context, List.of(name), "ADD"), rootfs, dest, "/", ADD);
  }

  @Test
  void aTarGzIsExtractedKeepingTheArchivesOwnersModesAndTimes() throws Exception {
    add("pkg.tar.gz", Fixtures.gzip(tar), "/opt");
    Path tool = rootfs.resolve("opt/pkg/bin/tool");
    assertThat(tool).hasContent("#!/bin/sh");
    assertThat(mode(tool)).isEqualTo(0750);
    assertThat(uid(tool)).isEqualTo(1000);
    assertThat(mtimeSeconds(tool)).isEqualTo(1_234_567_890L);
    assertThat(rootfs.resolve("opt/pkg/.wh.kept")).hasContent("not a whiteout");
    assertThat(mode(rootfs.resolve("opt"))).isEqualTo(0755);
  }

  @Test
  void aTarXzIsExtracted() throws Exception {
    add("pkg.tar.xz", Fixtures.PKG_TAR_XZ, "/opt/");
    assertThat(rootfs.resolve("opt/pkg/hello.txt")).hasContent("from xz");
  }

  @Test
  void plainBzip2AndZstdTarsAreExtractedToo() throws Exception {
    add("a.tar", tar, "/a");
    add("b.tar.bz2", Fixtures.bzip2(tar), "/b");
    add("c.tar.zst", Fixtures.zstd(tar), "/c");
    for (String dir : List.of("a", "b", "c")) {
      assertThat(rootfs.resolve(dir + "/pkg/README")).hasContent("read me");
    }
  }

  @Test
  void theContentDecidesNotTheName() throws Exception {
    add("looks-like.txt", Fixtures.gzip(tar), "/x/");
    add("fake.tar.gz", "just text".getBytes(), "/y/");
    assertThat(rootfs.resolve("x/pkg/README")).exists();
    assertThat(rootfs.resolve("y/fake.tar.gz")).hasContent("just text");
  }

  @Test
  void extractionOverwritesExistingFilesAndMergesDirectories() throws Exception {
    write(rootfs.resolve("opt/pkg/README"), "old");
    write(rootfs.resolve("opt/pkg/local.conf"), "mine");
    add("pkg.tgz", Fixtures.gzip(tar), "/opt");
    assertThat(rootfs.resolve("opt/pkg/README")).hasContent("read me");
    assertThat(rootfs.resolve("opt/pkg/local.conf")).hasContent("mine");
  }

  @Test
  void aHostileArchiveCannotWriteOutsideTheDestinationRoot() throws Exception {
    Path outside = Files.createDirectory(temp.resolve("outside"));
    byte[] hostile = new io.wharf.engine.archive.TarBuilder().symlink("esc", outside.toString())
        .file("esc/pwned", "x").build();
    add("evil.tar", hostile, "/dst");
    assertThat(outside).isEmptyDirectory();
    assertThat(rootfs.resolve("dst/" + outside.toString().substring(1) + "/pwned")).exists();
    byte[] climbing = new io.wharf.engine.archive.TarBuilder().file("../../x", "x").build();
    assertThatThrownBy(() -> add("climb.tar", climbing, "/dst")).isInstanceOf(InvalidArgument.class);
  }

  @Test
  void copyNeverExtracts() throws Exception {
    Files.write(context.resolve("pkg.tar.gz"), Fixtures.gzip(tar));
    FileCopier.copy(SourceMatcher.match(context, List.of("pkg.tar.gz"), "COPY"), rootfs, "/opt/", "/",
        new CopyOptions(null, null, false));
    assertThat(rootfs.resolve("opt/pkg.tar.gz")).isRegularFile();
  }

  @Test
  void aDownloadedArchiveIsNotExtracted() throws Exception {
    Path download = Files.write(temp.resolve("pkg.tar.gz"), Fixtures.gzip(tar));
    FileCopier.copy(List.of(new CopySource("http://example/pkg.tar.gz", download, "pkg.tar.gz", true)), rootfs,
        "/opt/", "/", ADD);
    assertThat(rootfs.resolve("opt/pkg.tar.gz")).isRegularFile();
  }

  @Test
  void aDownloadWithoutANameNeedsAFileDestination() throws Exception {
    Path download = Files.writeString(Files.createDirectory(temp.resolve("dl")).resolve("__unnamed__"), "x");
    List<CopySource> sources = List.of(new CopySource("http://example/", download, "", true));
    assertThatThrownBy(() -> FileCopier.copy(sources, rootfs, "/opt/", "/", ADD)).isInstanceOf(InvalidArgument.class)
        .hasMessage("ADD failed: cannot determine filename for source http://example/");
    FileCopier.copy(sources, rootfs, "/opt/file", "/", ADD);
    assertThat(rootfs.resolve("opt/file")).hasContent("x");
  }
}
