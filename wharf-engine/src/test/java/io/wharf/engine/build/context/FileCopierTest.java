package io.wharf.engine.build.context;

import static io.wharf.engine.build.context.Fixtures.gid;
import static io.wharf.engine.build.context.Fixtures.mode;
import static io.wharf.engine.build.context.Fixtures.mtimeSeconds;
import static io.wharf.engine.build.context.Fixtures.uid;
import static io.wharf.engine.build.context.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.errors.InvalidArgument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("root")
class FileCopierTest {
  static final CopyOptions COPY = new CopyOptions(null, null, false);

  @TempDir Path temp;
  Path context;
  Path rootfs;
  Path outside;

  @BeforeEach
  void dirs() throws Exception {
    context = Files.createDirectory(temp.resolve("context"));
    rootfs = Files.createDirectory(temp.resolve("rootfs"));
    outside = Files.createDirectory(temp.resolve("outside"));
    write(context.resolve("app.jar"), "jar");
    write(context.resolve("conf/app.yml"), "a: 1");
    write(context.resolve("conf/env/prod.yml"), "p: 1");
    Files.setAttribute(context.resolve("app.jar"), "unix:uid", 1000);
  }

  private void copy(List<String> patterns, String dest, String workdir, CopyOptions options) throws Exception {
    FileCopier.copy(SourceMatcher.match(context, patterns, options.keyword()), rootfs, dest, workdir, options);
  }

  private void copy(String pattern, String dest) throws Exception {
    copy(List.of(pattern), dest, "/", COPY);
  }

  @Test
  void aFileGoesIntoADestinationEndingWithASlash() throws Exception {
    copy("app.jar", "/opt/app/");
    assertThat(rootfs.resolve("opt/app/app.jar")).hasContent("jar");
  }

  @Test
  void aFileGoesIntoAnExistingDirectory() throws Exception {
    Files.createDirectories(rootfs.resolve("opt/app"));
    copy("app.jar", "/opt/app");
    assertThat(rootfs.resolve("opt/app/app.jar")).hasContent("jar");
  }

  @Test
  void aFileToAnyOtherDestinationIsThatFile() throws Exception {
    copy("app.jar", "/opt/service.jar");
    assertThat(rootfs.resolve("opt/service.jar")).isRegularFile().hasContent("jar");
  }

  @Test
  void aRelativeDestinationIsUnderTheWorkdir() throws Exception {
    copy(List.of("app.jar"), "lib/", "/srv/www", COPY);
    copy(List.of("app.jar"), "root.jar", "", COPY);
    copy(List.of("app.jar"), ".", "/srv", COPY);
    assertThat(rootfs.resolve("srv/www/lib/app.jar")).exists();
    assertThat(rootfs.resolve("root.jar")).exists();
    assertThat(rootfs.resolve("srv/app.jar")).exists();
  }

  @Test
  void moreThanOneSourceNeedsADestinationEndingWithASlash() {
    assertThatThrownBy(() -> copy(List.of("app.jar", "conf"), "/opt", "/", COPY)).isInstanceOf(InvalidArgument.class)
        .hasMessage("When using COPY with more than one source file, the destination must be a directory and end with a /");
    assertThatThrownBy(() -> copy(List.of("*.jar", "conf/*.yml"), ".", "/app", new CopyOptions(null, null, true)))
        .hasMessage("When using ADD with more than one source file, the destination must be a directory and end with a /");
  }

  @Test
  void aDirectorysContentsAreCopiedNotTheDirectory() throws Exception {
    copy("conf", "/etc/app");
    assertThat(rootfs.resolve("etc/app/app.yml")).hasContent("a: 1");
    assertThat(rootfs.resolve("etc/app/env/prod.yml")).hasContent("p: 1");
    assertThat(rootfs.resolve("etc/app/conf")).doesNotExist();
  }

  @Test
  void missingParentsAreCreated0755RootAndExistingOnesAreLeftAlone() throws Exception {
    Path existing = Files.createDirectories(rootfs.resolve("srv"));
    Files.setAttribute(existing, "unix:mode", 0700);
    Files.setAttribute(existing, "unix:uid", 33);
    copy("app.jar", "/srv/a/b/");
    assertThat(mode(rootfs.resolve("srv/a"))).isEqualTo(0755);
    assertThat(uid(rootfs.resolve("srv/a/b"))).isZero();
    assertThat(mode(existing)).isEqualTo(0700);
    assertThat(uid(existing)).isEqualTo(33);
  }

  @Test
  void filesKeepModeAndMtimeAndBelongToRoot() throws Exception {
    Path jar = context.resolve("app.jar");
    Files.setAttribute(jar, "unix:mode", 04711);
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2021-03-04T05:06:07.890Z")));
    copy("app.jar", "/bin/");
    Path copied = rootfs.resolve("bin/app.jar");
    assertThat(mode(copied)).isEqualTo(04711);
    assertThat(mtimeSeconds(copied)).isEqualTo(Instant.parse("2021-03-04T05:06:07Z").getEpochSecond());
    assertThat(uid(copied)).isZero();
    assertThat(gid(copied)).isZero();
  }

  @Test
  void chownResolvesNamesInTheImagesPasswdAndGroupFiles() throws Exception {
    write(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
    write(rootfs.resolve("etc/group"), "root:x:0:\nstaff:x:50:\napp:x:2000:\n");
    copy(List.of("app.jar"), "/a/", "/", new CopyOptions("app:staff", null, false));
    assertThat(uid(rootfs.resolve("a/app.jar"))).isEqualTo(1000);
    assertThat(gid(rootfs.resolve("a/app.jar"))).isEqualTo(50);
    assertThat(uid(rootfs.resolve("a"))).as("new parents get the owner too").isEqualTo(1000);
    copy(List.of("app.jar"), "/b/", "/", new CopyOptions("app", null, false));
    assertThat(gid(rootfs.resolve("b/app.jar"))).as("the group of the same name, as Docker").isEqualTo(2000);
    copy(List.of("app.jar"), "/c/", "/", new CopyOptions("1234:5678", null, false));
    assertThat(uid(rootfs.resolve("c/app.jar"))).isEqualTo(1234);
    assertThat(gid(rootfs.resolve("c/app.jar"))).isEqualTo(5678);
  }

  @Test
  void chownOfADirectoryCopyOwnsTheNewDestinationButNotItsParents() throws Exception {
    copy(List.of("conf"), "/srv/conf", "/", new CopyOptions("42:43", null, false));
    assertThat(uid(rootfs.resolve("srv/conf"))).isEqualTo(42);
    assertThat(uid(rootfs.resolve("srv/conf/env/prod.yml"))).isEqualTo(42);
    assertThat(gid(rootfs.resolve("srv/conf/env"))).isEqualTo(43);
    assertThat(uid(rootfs.resolve("srv"))).isZero();
  }

  @Test
  void chownFollowsAPasswdLinkInsideTheImage() throws Exception {
    write(rootfs.resolve("usr/lib/passwd"), "svc:x:501:501::/:/bin/false\n");
    Files.createDirectories(rootfs.resolve("etc"));
    Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/usr/lib/passwd"));
    copy(List.of("app.jar"), "/x", "/", new CopyOptions("svc:0", null, false));
    assertThat(uid(rootfs.resolve("x"))).isEqualTo(501);
  }

  @Test
  void anUnknownUserOrGroupFailsAsInDocker() throws Exception {
    write(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    write(rootfs.resolve("etc/group"), "root:x:0:\n");
    assertThatThrownBy(() -> copy(List.of("app.jar"), "/x", "/", new CopyOptions("nobody", null, false)))
        .isInstanceOf(InvalidArgument.class)
        .hasMessage("unable to convert uid/gid chown string to host mapping: can't find uid for user nobody: "
            + "no such user: nobody");
    assertThatThrownBy(() -> copy(List.of("app.jar"), "/x", "/", new CopyOptions("root:wheel", null, false)))
        .hasMessageEndingWith("can't find gid for group wheel: no such group: wheel");
    assertThat(rootfs.resolve("x")).doesNotExist();
  }

  @Test
  void chmodReplacesThePermissionBitsOfEveryFileAndDirectory() throws Exception {
    copy(List.of("conf"), "/etc/app/", "/", new CopyOptions(null, 0640, false));
    assertThat(mode(rootfs.resolve("etc/app/app.yml"))).isEqualTo(0640);
    assertThat(mode(rootfs.resolve("etc/app/env"))).isEqualTo(0640);
    assertThat(mode(rootfs.resolve("etc/app"))).isEqualTo(0640);
    assertThat(mode(rootfs.resolve("etc"))).isEqualTo(0755);
  }

  @Test
  void nestedSymlinksAreCopiedAsSymlinks() throws Exception {
    Files.createSymbolicLink(context.resolve("conf/current"), Path.of("/etc/shadow"));
    copy("conf", "/cfg/");
    assertThat(Files.readSymbolicLink(rootfs.resolve("cfg/current"))).isEqualTo(Path.of("/etc/shadow"));
  }

  @Test
  void aDestinationThroughSymlinksToRootOrAboveStaysInsideTheRootfs() throws Exception {
    Files.createSymbolicLink(rootfs.resolve("slash"), Path.of("/"));
    Files.createSymbolicLink(rootfs.resolve("up"), Path.of("../../.."));
    Files.createSymbolicLink(rootfs.resolve("host"), outside);
    copy("app.jar", "/slash/a.jar");
    copy("app.jar", "/up/b.jar");
    copy("conf", "/host/");
    assertThat(rootfs.resolve("a.jar")).exists();
    assertThat(rootfs.resolve("b.jar")).exists();
    assertThat(rootfs.resolve(outside.toString().substring(1) + "/app.yml")).exists();
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void anExistingDestinationFileIsReplaced() throws Exception {
    Path old = write(rootfs.resolve("opt/app.jar"), "old, and longer");
    Files.setAttribute(old, "unix:mode", 0600);
    copy("app.jar", "/opt/app.jar");
    assertThat(rootfs.resolve("opt/app.jar")).hasContent("jar");
    assertThat(mode(rootfs.resolve("opt/app.jar"))).isEqualTo(0644);
  }

  @Test
  void aFileOverADirectoryAndADirectoryOverAFileReplaceIt() throws Exception {
    write(rootfs.resolve("dst/app.jar/inner"), "x");
    write(rootfs.resolve("etc/app/env"), "was a file");
    copy("app.jar", "/dst/");
    copy("conf", "/etc/app");
    assertThat(rootfs.resolve("dst/app.jar")).isRegularFile().hasContent("jar");
    assertThat(rootfs.resolve("etc/app/env/prod.yml")).hasContent("p: 1");
  }

  @Test
  void aDirectoryOntoAnExistingFileFailsAsInDocker() throws Exception {
    write(rootfs.resolve("etc/app"), "file");
    assertThatThrownBy(() -> copy("conf", "/etc/app")).isInstanceOf(InvalidArgument.class)
        .hasMessage("failed to copy files: mkdir /etc/app: not a directory");
  }

  @Test
  void anExistingLinkNamedLikeTheFileIsReplacedNotFollowed() throws Exception {
    Path victim = Files.writeString(outside.resolve("victim"), "safe");
    Files.createDirectories(rootfs.resolve("lib"));
    Files.createSymbolicLink(rootfs.resolve("lib/app.jar"), victim);
    copy("app.jar", "/lib/");
    assertThat(victim).hasContent("safe");
    assertThat(Files.isSymbolicLink(rootfs.resolve("lib/app.jar"))).isFalse();
    assertThat(rootfs.resolve("lib/app.jar")).hasContent("jar");
  }

  @Test
  void aTopLevelSymlinkSourceIsCopiedUnderItsOwnName() throws Exception {
    Files.createSymbolicLink(context.resolve("latest.jar"), Path.of("app.jar"));
    copy("latest.jar", "/dist/");
    assertThat(Files.isSymbolicLink(rootfs.resolve("dist/latest.jar"))).isFalse();
    assertThat(rootfs.resolve("dist/latest.jar")).hasContent("jar");
  }

  @Test
  void hereDocumentSourcesNeedNoMatching() throws Exception {
    Path doc = Files.writeString(temp.resolve("EOF"), "hello\n");
    FileCopier.copy(List.of(new CopySource("<<EOF", doc, "EOF")), rootfs, "/greeting", "/", COPY);
    assertThat(rootfs.resolve("greeting")).hasContent("hello");
  }
}
