package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.cli.Wharf;
import io.wharf.cli.copy.PathStat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpCommandTest {
  private static final String ARCHIVE = "/containers/c/archive";
  private static final long DIR = 1L << 31;
  private static final long SYMLINK = 1L << 27;

  @TempDir
  Path tmp;

  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon();
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  @Test
  void aFileGoesIntoAnExistingDirectoryUnderItsOwnName() throws Exception {
    Path file = Files.writeString(tmp.resolve("hello.txt"), "hi\n");
    stat("HEAD", "tmp", DIR | 0777, "");
    daemon.answer("PUT", ARCHIVE, 200, new byte[0], Map.of());

    FakeDaemon.Result result = daemon.wharf("", "cp", "-q=false", file.toString(), "c:/tmp/");

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEqualTo("Successfully copied 2.05kB to c:/tmp/\n");
    FakeDaemon.Request head = only("HEAD");
    assertThat(decoded(head)).isEqualTo("/v1.44/containers/c/archive?path=/tmp/");
    FakeDaemon.Request put = only("PUT");
    assertThat(decoded(put)).isEqualTo("/v1.44/containers/c/archive?noOverwriteDirNonDir=true&path=/tmp/");
    assertThat(put.contentType()).isEqualTo("text/plain");
    assertThat(put.body()).hasSize(2048);
    assertThat(entries(put.body())).containsExactly("hello.txt=hi\n");
  }

  @Test
  void aDirectoryTakesTheNameOfAMissingDestination() throws Exception {
    Path site = Files.createDirectories(tmp.resolve("site/sub"));
    Files.writeString(site.resolveSibling("a.txt"), "a");
    Files.writeString(site.resolve("b.txt"), "b");
    Files.createSymbolicLink(site.resolveSibling("link"), Path.of("a.txt"));
    daemon.answer("HEAD", ARCHIVE, 404, new byte[0], Map.of());
    daemon.answer("PUT", ARCHIVE, 200, new byte[0], Map.of());

    FakeDaemon.Result result = daemon.wharf("", "cp", "-a", tmp.resolve("site").toString(), "c:/srv/www");

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEmpty(); // quiet: no terminal
    FakeDaemon.Request put = only("PUT");
    assertThat(decoded(put)).isEqualTo("/v1.44/containers/c/archive?copyUIDGID=true&noOverwriteDirNonDir=true&path=/srv");
    assertThat(entries(put.body())).containsExactly("www/", "www/a.txt=a", "www/link->a.txt", "www/sub/", "www/sub/b.txt=b");
  }

  @Test
  void aTrailingDotCopiesADirectorysContents() throws Exception {
    Files.createDirectories(tmp.resolve("site"));
    Files.writeString(tmp.resolve("site/a.txt"), "a");
    stat("HEAD", "www", DIR | 0755, "");
    daemon.answer("PUT", ARCHIVE, 200, new byte[0], Map.of());

    daemon.wharf("", "cp", tmp.resolve("site") + "/.", "c:/srv/www");

    FakeDaemon.Request put = only("PUT");
    assertThat(decoded(put)).endsWith("path=/srv/www");
    assertThat(entries(put.body())).containsExactly("./", "./a.txt=a");
  }

  @Test
  void aFileCannotCreateADirectory() throws Exception {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    daemon.answer("HEAD", ARCHIVE, 404, new byte[0], Map.of());

    FakeDaemon.Result result = daemon.wharf("", "cp", file.toString(), "c:/nope/");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("no such directory\n");
    assertThat(daemon.requests()).noneMatch(r -> r.method().equals("PUT"));
  }

  @Test
  void aMissingSourceIsDockersLstatError() {
    daemon.answer("HEAD", ARCHIVE, 404, new byte[0], Map.of());

    FakeDaemon.Result result = daemon.wharf("", "cp", tmp.resolve("gone").toString(), "c:/x");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("lstat " + tmp.resolve("gone") + ": no such file or directory\n");
  }

  @Test
  void aFileFromTheContainerLandsInALocalDirectory() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    answerArchive("hello.txt", 3, 0644, "", new Tar().file("hello.txt", "hi\n"));

    FakeDaemon.Result result = daemon.wharf("", "container", "cp", "-q=false", "c:/etc/hello.txt", out + "/");

    assertThat(result.code()).isZero();
    assertThat(Files.readString(out.resolve("hello.txt"))).isEqualTo("hi\n");
    assertThat(result.err()).isEqualTo("Successfully copied 2.05kB to " + out + "/\n");
    assertThat(decoded(only("GET"))).isEqualTo("/v1.44/containers/c/archive?path=/etc/hello.txt");
  }

  @Test
  void aDirectoryFromTheContainerTakesTheNewName() throws Exception {
    answerArchive("app", 4096, DIR | 0755, "", new Tar().dir("app/").file("app/x", "1").dir("app/lib/").file("app/lib/y", "2"));

    FakeDaemon.Result result = daemon.wharf("", "cp", "c:/app", tmp.resolve("copy").toString());

    assertThat(result.code()).isZero();
    assertThat(Files.readString(tmp.resolve("copy/x"))).isEqualTo("1");
    assertThat(Files.readString(tmp.resolve("copy/lib/y"))).isEqualTo("2");
    assertThat(tmp.resolve("app")).doesNotExist();
  }

  @Test
  void followingALinkInTheContainerCopiesItsTargetUnderTheLinksName() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    stat("HEAD", "alias.txt", SYMLINK | 0777, "real.txt");
    answerArchive("real.txt", 1, 0644, "", new Tar().file("real.txt", "r"));

    FakeDaemon.Result result = daemon.wharf("", "cp", "-L", "c:/etc/alias.txt", out.toString());

    assertThat(result.code()).isZero();
    assertThat(decoded(only("GET"))).isEqualTo("/v1.44/containers/c/archive?path=/etc/real.txt");
    assertThat(Files.readString(out.resolve("alias.txt"))).isEqualTo("r");
  }

  @Test
  void extractionNeverWritesThroughALinkThatLeavesTheDestination() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path dest = Files.createDirectories(tmp.resolve("dest"));
    answerArchive("d", 4096, DIR | 0755, "",
        new Tar().dir("d/").symlink("d/link", outside.toString()).file("d/link/evil", "pwned"));

    FakeDaemon.Result result = daemon.wharf("", "cp", "c:/d", dest.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("\"d/link/evil\" is outside of \"" + dest + "\"\n");
    try (var listing = Files.list(outside)) {
      assertThat(listing).isEmpty();
    }
  }

  @Test
  void extractionRefusesNamesAndLinksThatClimbOut() throws Exception {
    Path dest = Files.createDirectories(tmp.resolve("dest"));
    answerArchive("d", 4096, DIR | 0755, "", new Tar().dir("d/").file("d/../../evil", "x"));

    FakeDaemon.Result climbing = daemon.wharf("", "cp", "c:/d", dest.toString());

    assertThat(climbing.code()).isEqualTo(1);
    assertThat(climbing.err()).isEqualTo("\"../evil\" is outside of \"" + dest + "\"\n");
    assertThat(tmp.resolve("evil")).doesNotExist();

    answerArchive("d", 4096, DIR | 0755, "", new Tar().dir("d/").symlink("d/up", "../../.."));
    FakeDaemon.Result linking = daemon.wharf("", "cp", "c:/d", dest.toString());

    assertThat(linking.code()).isEqualTo(1);
    assertThat(linking.err()).isEqualTo("invalid symlink \"" + dest.toRealPath() + "/d/up\" -> \"../../..\"\n");
  }

  @Test
  void entriesOutsideTheRenamedResourceAreRefused() throws Exception {
    answerArchive("app", 4096, DIR | 0755, "", new Tar().dir("app/").file("stray", "x"));

    FakeDaemon.Result result = daemon.wharf("", "cp", "c:/app", tmp.resolve("copy").toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("\"stray\" is outside of \"" + tmp + "\"\n");
    assertThat(tmp.resolve("stray")).doesNotExist();
  }

  @Test
  void aDashWritesTheContainersTarToStdout() throws Exception {
    byte[] tar = new Tar().file("hello.txt", "hi\n").bytes();
    daemon.answer("GET", ARCHIVE, 200, tar, Map.of(PathStat.HEADER, new PathStat("hello.txt", 3, 0644, "", "").encode()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = Wharf.run(new String[] {"-H", daemon.host(), "cp", "c:/hello.txt", "-"}, new PrintStream(out, true),
        new PrintStream(err, true), new ByteArrayInputStream(new byte[0]), Map.of());

    assertThat(code).isZero();
    assertThat(out.toByteArray()).isEqualTo(tar);
  }

  @Test
  void errorsAreDockers() {
    daemon.answer("GET", ARCHIVE, 404, "{\"message\":\"Could not find the file /x in container c\"}"
        .getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));

    FakeDaemon.Result missing = daemon.wharf("", "cp", "c:/x", tmp.toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("Error response from daemon: Could not find the file /x in container c\n");

    assertThat(daemon.wharf("", "cp", "a:/x", "b:/y").err()).isEqualTo("copying between containers is not supported\n");
    assertThat(daemon.wharf("", "cp", "/x", "./y:z").err()).isEqualTo("must specify at least one container source\n");
    assertThat(daemon.wharf("", "cp", "", "c:/y").err()).isEqualTo("source can not be empty\n");
    FakeDaemon.Result oneArgument = daemon.wharf("", "cp", "c:/x");
    assertThat(oneArgument.code()).isEqualTo(1);
    assertThat(oneArgument.err()).startsWith("\"wharf cp\" requires exactly 2 arguments.");
    assertThat(daemon.wharf("", "cp", "c:/x", tmp.resolve("no/such/dir/f").toString()).err())
        .isEqualTo("invalid output path: directory \"" + tmp.resolve("no/such/dir") + "\" does not exist\n");
  }

  @Test
  void stdinMustGoToADirectory() {
    stat("HEAD", "f", 0644, "");

    FakeDaemon.Result result = daemon.wharf("", "cp", "-", "c:/f");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("destination \"c:/f\" must be a directory\n");
  }

  @Test
  void stdinsTarIsSentAsItIs() {
    stat("HEAD", "tmp", DIR | 0777, "");
    daemon.answer("PUT", ARCHIVE, 200, new byte[0], Map.of());

    FakeDaemon.Result result = daemon.wharf("raw tar bytes", "cp", "-q=false", "-", "c:/tmp");

    assertThat(result.code()).isZero();
    assertThat(only("PUT").text()).isEqualTo("raw tar bytes");
    assertThat(result.err()).isEqualTo("Successfully copied 0B to c:/tmp\n");
  }

  private void stat(String method, String name, long mode, String linkTarget) {
    daemon.answer(method, ARCHIVE, 200, new byte[0],
        Map.of(PathStat.HEADER, new PathStat(name, 0, mode, "2026-11-25T23:28:02Z", linkTarget).encode()));
  }

  private void answerArchive(String name, long size, long mode, String linkTarget, Tar tar) throws IOException {
    daemon.answer("GET", ARCHIVE, 200, tar.bytes(),
        Map.of(PathStat.HEADER, new PathStat(name, size, mode, "2026-11-25T23:28:02Z", linkTarget).encode()));
  }

  private FakeDaemon.Request only(String method) {
    List<FakeDaemon.Request> matching = daemon.requests().stream()
        .filter(r -> r.method().equals(method) && !r.uri().endsWith("/_ping")).toList();
    assertThat(matching).hasSize(1);
    return matching.getFirst();
  }

  private static String decoded(FakeDaemon.Request request) {
    return URLDecoder.decode(request.uri(), StandardCharsets.UTF_8);
  }

  /** Each entry as {@code name}, {@code name=content} or {@code name->target}. */
  private static List<String> entries(byte[] tar) throws IOException {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (entry.isSymbolicLink()) {
          names.add(entry.getName() + "->" + entry.getLinkName());
        } else if (entry.isDirectory()) {
          names.add(entry.getName());
        } else {
          names.add(entry.getName() + "=" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return names;
  }

  /** A tar as a daemon sends it. */
  private static final class Tar {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, 512);

    Tar dir(String name) throws IOException {
      TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_DIR);
      entry.setMode(0755);
      out.putArchiveEntry(entry);
      out.closeArchiveEntry();
      return this;
    }

    Tar file(String name, String content) throws IOException {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
      entry.setMode(0644);
      entry.setSize(data.length);
      out.putArchiveEntry(entry);
      out.write(data);
      out.closeArchiveEntry();
      return this;
    }

    Tar symlink(String name, String target) throws IOException {
      TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
      entry.setLinkName(target);
      out.putArchiveEntry(entry);
      out.closeArchiveEntry();
      return this;
    }

    byte[] bytes() throws IOException {
      out.finish();
      return bytes.toByteArray();
    }
  }
}
