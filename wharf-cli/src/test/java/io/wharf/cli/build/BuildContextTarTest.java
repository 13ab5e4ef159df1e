package io.wharf.cli.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTarTest {
  @TempDir
  Path dir;

  @Test
  void sendsRelativeNamesInLexicalOrderWithModesOwnerRootAndWholeSecondMtimes() throws Exception {
    write("Dockerfile", "FROM busybox\n");
    write("b/z.txt", "z");
    write("a.sh", "#!/bin/sh\n");
    Files.setPosixFilePermissions(dir.resolve("a.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.setLastModifiedTime(dir.resolve("a.sh"), FileTime.fromMillis(1_700_000_000_789L));

    Map<String, TarArchiveEntry> entries = entries(tar("Dockerfile", null));

    assertThat(entries.keySet()).containsExactly("Dockerfile", "a.sh", "b/", "b/z.txt");
    TarArchiveEntry script = entries.get("a.sh");
    assertThat(script.getMode()).isEqualTo(0750);
    assertThat(script.getLastModifiedTime().toMillis()).isEqualTo(1_700_000_000_000L);
    assertThat(script.getLongUserId()).isZero();
    assertThat(script.getLongGroupId()).isZero();
    assertThat(script.getUserName()).isEmpty();
    assertThat(script.getSize()).isEqualTo(10);
    assertThat(entries.get("b/").isDirectory()).isTrue();
  }

  @Test
  void dockerignoreExcludesButAnExceptionBringsAFileBack() throws Exception {
    write("Dockerfile", "FROM busybox\n");
    write(".dockerignore", "# comment\n*.log\nsecrets\nlogs\n!logs/keep.log\n");
    write("app.log", "x");
    write("app.txt", "x");
    write("secrets/key", "x");
    write("logs/keep.log", "x");
    write("logs/drop.log", "x");

    Map<String, TarArchiveEntry> entries = entries(tar("Dockerfile", null));

    assertThat(entries.keySet()).containsExactly(".dockerignore", "Dockerfile", "app.txt", "logs/keep.log");
  }

  @Test
  void theDockerfileAndTheDockerignoreAreSentEvenWhenIgnored() throws Exception {
    write(".dockerignore", ".dockerignore\nbuild\n*\n");
    write("build/Dockerfile.dev", "FROM busybox\n");
    write("other", "x");

    Map<String, TarArchiveEntry> entries = entries(tar("build/Dockerfile.dev", null));

    // the directory itself is not sent: only what an exception brings back below it
    assertThat(entries.keySet()).containsExactly(".dockerignore", "build/Dockerfile.dev");
  }

  @Test
  void aDockerfileFromElsewhereGoesInUnderItsRandomNameAndIntoTheDockerignore() throws Exception {
    write("hello.txt", "hi");
    write(".dockerignore", "*.tmp");
    ContextTar.ExtraDockerfile extra = ContextTar.ExtraDockerfile.withRandomName("FROM scratch\n".getBytes(StandardCharsets.UTF_8));

    byte[] tar = tar("../elsewhere/Dockerfile", extra);

    assertThat(extra.name()).matches("\\.dockerfile\\.[0-9a-f]{20}");
    Map<String, String> contents = contents(tar);
    assertThat(contents.keySet()).containsExactly(".dockerignore", "hello.txt", extra.name());
    assertThat(contents.get(extra.name())).isEqualTo("FROM scratch\n");
    assertThat(contents.get(".dockerignore")).isEqualTo("*.tmp\n" + extra.name() + "\n");
    assertThat(entries(tar).get(extra.name()).getMode()).isEqualTo(0600);
  }

  @Test
  void withoutADockerignoreTheCliWritesOneNamingTheRandomDockerfile() throws Exception {
    write("hello.txt", "hi");
    ContextTar.ExtraDockerfile extra = new ContextTar.ExtraDockerfile(".dockerfile.0123456789abcdef0123", new byte[] {'F'});

    Map<String, String> contents = contents(tar("-", extra));

    assertThat(contents.keySet()).containsExactly("hello.txt", extra.name(), ".dockerignore");
    assertThat(contents.get(".dockerignore")).isEqualTo(".dockerignore\n.dockerfile.0123456789abcdef0123\n");
  }

  @Test
  void symlinksAreSentAsLinksNotFollowed() throws Exception {
    write("Dockerfile", "FROM busybox\n");
    Path outside = Files.createTempDirectory("wharf-outside");
    try {
      Files.writeString(outside.resolve("secret"), "do not send");
      Files.createSymbolicLink(dir.resolve("escape"), outside);
      Files.createSymbolicLink(dir.resolve("file-link"), outside.resolve("secret"));

      Map<String, TarArchiveEntry> entries = entries(tar("Dockerfile", null));

      assertThat(entries.keySet()).containsExactly("Dockerfile", "escape", "file-link");
      assertThat(entries.get("escape").isSymbolicLink()).isTrue();
      assertThat(entries.get("escape").getLinkName()).isEqualTo(outside.toString());
      assertThat(entries.get("file-link").getSize()).isZero();
    } finally {
      Files.delete(outside.resolve("secret"));
      Files.delete(outside);
    }
  }

  @Test
  void aSecondHardLinkIsALinkToTheFirstName() throws Exception {
    write("a", "same");
    Files.createLink(dir.resolve("b"), dir.resolve("a"));

    Map<String, TarArchiveEntry> entries = entries(tar("Dockerfile", null));

    assertThat(entries.get("a").getSize()).isEqualTo(4);
    assertThat(entries.get("b").isLink()).isTrue();
    assertThat(entries.get("b").getLinkName()).isEqualTo("a");
  }

  @Test
  void longNamesSurviveThroughPaxHeaders() throws Exception {
    String name = "d".repeat(120) + "/" + "f".repeat(120);
    write(name, "x");

    assertThat(entries(tar("Dockerfile", null))).containsKey(name);
  }

  @Test
  void anUnreadableFileFailsTheCheckBeforeAnythingIsSent() throws Exception {
    write("locked", "x");
    Files.setPosixFilePermissions(dir.resolve("locked"), PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(dir.resolve("locked")), "root reads everything");

    ContextTar tar = new ContextTar(dir, IgnoreRules.parse("", "Dockerfile"));

    assertThatThrownBy(tar::validate)
        .hasMessage("error checking context: no permission to read from '" + dir.resolve("locked") + "'");
  }

  @Test
  void aMalformedPatternIsReported() {
    assertThatThrownBy(() -> IgnoreRules.parse("[", "Dockerfile")).isInstanceOf(io.wharf.oci.errors.InvalidArgument.class)
        .hasMessageContaining("syntax error in pattern");
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstPattern() throws Exception {
    write(".dockerignore", "\uFEFFnoise\n");
    write("noise", "x");

    assertThat(entries(tar("Dockerfile", null))).doesNotContainKey("noise");
  }

  @Test
  void thePipeStreamsTheTarAndFailsTheReadWhenTheWriterFails() throws Exception {
    write("hello.txt", "hi");
    ContextTar tar = new ContextTar(dir, IgnoreRules.parse("", "Dockerfile"));
    try (InputStream piped = Pipe.from("test", out -> tar.writeTo(out, null))) {
      assertThat(contents(piped.readAllBytes())).containsEntry("hello.txt", "hi");
    }
    InputStream failing = Pipe.from("test", out -> {
      out.write(new byte[] {1, 2, 3});
      throw new IOException("disk gone");
    });
    assertThatThrownBy(failing::readAllBytes).isInstanceOf(IOException.class).hasMessage("disk gone");
  }

  private void write(String rel, String content) throws IOException {
    Path path = dir.resolve(rel);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
  }

  private byte[] tar(String relDockerfile, ContextTar.ExtraDockerfile extra) throws Exception {
    ContextTar tar = new ContextTar(dir, IgnoreRules.read(dir, relDockerfile));
    tar.validate();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tar.writeTo(out, extra);
    return out.toByteArray();
  }

  static Map<String, TarArchiveEntry> entries(byte[] tar) throws IOException {
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), entry);
      }
    }
    return entries;
  }

  static Map<String, String> contents(byte[] tar) throws IOException {
    Map<String, String> contents = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        contents.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return contents;
  }
}
