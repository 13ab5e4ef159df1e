package io.wharf.cli.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildLocalContextTest {
  @TempDir
  Path dir;

  @Test
  void theDefaultDockerfileIsInTheContext() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\n");

    LocalContext context = LocalContext.resolve(dir.toString(), null);

    assertThat(context.dir()).isEqualTo(dir.toRealPath());
    assertThat(context.relDockerfile()).isEqualTo("Dockerfile");
    assertThat(context.outside()).isNull();
  }

  @Test
  void aLowerCaseDockerfileIsTakenWhenThereIsNoOther() throws Exception {
    Files.writeString(dir.resolve("dockerfile"), "FROM busybox\n");

    assertThat(LocalContext.resolve(dir.toString(), "").relDockerfile()).isEqualTo("dockerfile");
  }

  @Test
  void aMissingDockerfileIsReportedInDockersWords() throws Exception {
    Path real = dir.toRealPath();

    assertThatThrownBy(() -> LocalContext.resolve(dir.toString(), null))
        .hasMessage("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat "
            + real.resolve("Dockerfile") + ": no such file or directory");
  }

  @Test
  void aMissingDirectoryOnTheWayIsTheOneNamed() throws Exception {
    Path real = dir.toRealPath();

    assertThatThrownBy(() -> LocalContext.resolve(dir.toString(), real.resolve("sub/Dockerfile").toString()))
        .hasMessageEndingWith("lstat " + real.resolve("sub") + ": no such file or directory");
  }

  @Test
  void aDockerfileOutsideTheContextIsMarkedForTheRandomName() throws Exception {
    Path context = Files.createDirectories(dir.resolve("ctx"));
    Files.createDirectories(dir.resolve("other"));
    Path dockerfile = Files.writeString(dir.resolve("other/Dockerfile.x"), "FROM busybox\n");

    LocalContext local = LocalContext.resolve(context.toString(), dockerfile.toString());

    assertThat(local.relDockerfile()).isEqualTo("../other/Dockerfile.x");
    assertThat(local.outside()).isEqualTo(dockerfile);
  }

  @Test
  void aDockerfileReachedThroughASymlinkIsNamedByItsTarget() throws Exception {
    Files.createDirectories(dir.resolve("docker"));
    Files.writeString(dir.resolve("docker/Dockerfile.real"), "FROM busybox\n");
    Files.createSymbolicLink(dir.resolve("Dockerfile"), Path.of("docker/Dockerfile.real"));

    assertThat(LocalContext.resolve(dir.toString(), null).relDockerfile()).isEqualTo("docker/Dockerfile.real");
  }

  @Test
  void aFileIsNotAContext() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");

    assertThatThrownBy(() -> LocalContext.resolve(file.toString(), null))
        .hasMessage("unable to prepare context: context must be a directory: " + file.toRealPath());
  }

  @Test
  void contextKindsAreToldApartAsDockerDoes() throws Exception {
    assertThat(Contexts.kind("-")).isEqualTo(Contexts.Kind.STDIN);
    assertThat(Contexts.kind(dir.toString())).isEqualTo(Contexts.Kind.LOCAL);
    assertThat(Contexts.kind("https://example.com/repo.git#main:sub")).isEqualTo(Contexts.Kind.GIT);
    assertThat(Contexts.kind("github.com/docker/cli")).isEqualTo(Contexts.Kind.GIT);
    assertThat(Contexts.kind("https://example.com/context.tar.gz")).isEqualTo(Contexts.Kind.URL);
    assertThatThrownBy(() -> Contexts.kind("no/such/dir")).hasMessage("unable to prepare context: path \"no/such/dir\" not found");
  }
}
