package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-java (the client under Testcontainers) against a wharfd of its own. */
class DockerJavaIT {
  private static WharfDaemonProcess daemon;
  private static DockerClient client;
  @TempDir static Path work;

  @BeforeAll
  static void connect() throws Exception {
    daemon = WharfDaemonProcess.start();
    client = DockerJava.connect(daemon, work.resolve("docker-config"));
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (client != null) {
      client.close();
    }
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void pingVersionAndInfoAnswerAsTestcontainersNeeds() {
    client.pingCmd().exec();
    Version version = client.versionCmd().exec();
    assertThat(version.getApiVersion()).isEqualTo("1.44");
    assertThat(version.getVersion()).isNotBlank();
    Info info = client.infoCmd().exec();
    assertThat(info.getOsType()).isEqualTo("linux");
    assertThat(info.getServerVersion()).isEqualTo(version.getVersion());
  }

  @Test
  void importTagInspectSaveLoadAndRemove() throws Exception {
    // docker-java 3.7.1's createImageCmd(repo, stream) sends "{}" instead of the tar (seen on
    // the wire), which wharfd refuses as Docker does: the image comes in through the docker CLI
    Path rootfs = RootfsFixture.files(work.resolve("rootfs.tar"), "hello.txt", "hello from docker-java\n");
    CommandResult imported = new DockerCli(daemon.host(), Files.createDirectories(work.resolve("cli-config")))
        .runWithInput(rootfs, "import", "-", "dj/imported:v1");
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    InspectImageResponse inspect = client.inspectImageCmd("dj/imported:v1").exec();
    assertThat(inspect.getRepoTags()).containsExactly("dj/imported:v1");
    assertThat(inspect.getRootFS().getLayers()).hasSize(1);
    assertThat(inspect.getSize()).isEqualTo("hello from docker-java\n".length());

    client.tagImageCmd(inspect.getId(), "dj/copy", "v2").exec();
    List<Image> images = client.listImagesCmd().exec();
    assertThat(images).anySatisfy(image ->
        assertThat(image.getRepoTags()).contains("dj/imported:v1", "dj/copy:v2"));

    Path saved = work.resolve("saved.tar");
    try (InputStream archive = client.saveImageCmd("dj/copy:v2").exec()) {
      Files.copy(archive, saved);
    }
    client.removeImageCmd("dj/imported:v1").exec();
    client.removeImageCmd("dj/copy:v2").exec();
    assertThatThrownBy(() -> client.inspectImageCmd(inspect.getId()).exec()).isInstanceOf(NotFoundException.class);

    try (InputStream archive = Files.newInputStream(saved)) {
      client.loadImageCmd(archive).exec();
    }
    assertThat(client.inspectImageCmd("dj/copy:v2").exec().getId()).isEqualTo(inspect.getId());
    client.removeImageCmd(inspect.getId()).withForce(true).exec();
  }

  @Test
  void missingImageIsNotFound() {
    assertThatThrownBy(() -> client.inspectImageCmd("dj/nosuch:1").exec())
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("No such image: dj/nosuch:1");
  }
}
