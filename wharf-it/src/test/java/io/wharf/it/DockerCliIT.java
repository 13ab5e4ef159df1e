package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker CLI (the 28.x these machines ship) against a wharfd of its own: the image
 * workflow of a Docker user, step by step, each step checked by what the CLI prints.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerCliIT {
  private static WharfDaemonProcess daemon;
  private static DockerCli docker;
  @TempDir static Path work;

  @BeforeAll
  static void startDaemon() throws Exception {
    daemon = WharfDaemonProcess.start();
    docker = new DockerCli(daemon.host(), Files.createDirectories(work.resolve("docker-config")));
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static CommandResult ok(String... args) throws Exception {
    CommandResult result = docker.run(args);
    assertThat(result.exitCode()).as("docker %s\n%s\nwharfd log:\n%s", String.join(" ", args), result, daemon.log())
        .isZero();
    return result;
  }

  @Test
  @Order(1)
  void versionShowsClientAndServer() throws Exception {
    CommandResult result = ok("version");
    assertThat(result.stdout()).contains("Client:").contains("Server:").contains("API version:").contains("1.44");
    assertThat(ok("version", "--format", "{{.Server.APIVersion}}").stdout().strip()).isEqualTo("1.44");
  }

  @Test
  @Order(2)
  void infoPrintsWithoutErrors() throws Exception {
    CommandResult result = ok("info");
    assertThat(result.stdout()).contains("Server Version:").contains("Storage Driver: overlay2")
        .contains("Docker Root Dir: " + daemon.dataRoot());
    assertThat(result.stderr()).doesNotContain("ERROR");
    assertThat(ok("info", "--format", "{{.OSType}}").stdout().strip()).isEqualTo("linux");
  }

  @Test
  @Order(3)
  void importThenImagesShowsTheImage() throws Exception {
    Path rootfs = RootfsFixture.busybox(work.resolve("busybox.tar"));
    CommandResult imported = docker.runWithInput(rootfs, "import", "-c", "CMD [\"sh\"]", "-", "busybox:latest");
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    assertThat(imported.stdout().strip()).matches("sha256:[0-9a-f]{64}");

    CommandResult images = ok("images");
    assertThat(images.stdout().lines().findFirst().orElseThrow())
        .matches("REPOSITORY\\s+TAG\\s+IMAGE ID\\s+CREATED\\s+SIZE");
    assertThat(images.stdout()).containsPattern("busybox\\s+latest\\s+[0-9a-f]{12}\\s+");
    assertThat(ok("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}").stdout().strip())
        .isEqualTo("busybox:latest " + imported.stdout().strip().substring(7, 19));
  }

  @Test
  @Order(4)
  void tagAddsASecondNameToTheSameImage() throws Exception {
    ok("tag", "busybox", "example.com/team/tool:1.0");
    CommandResult images = ok("images", "--format", "{{.Repository}} {{.Tag}} {{.ID}}");
    String[] lines = images.stdout().strip().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0].split(" ")[2]).isEqualTo(lines[1].split(" ")[2]);
    assertThat(images.stdout()).contains("example.com/team/tool 1.0");
  }

  @Test
  @Order(5)
  void inspectShowsConfigAndLayers() throws Exception {
    JsonNode inspect = Json.MAPPER.readTree(ok("image", "inspect", "busybox").stdout()).get(0);
    assertThat(inspect.get("Id").asText()).startsWith("sha256:");
    assertThat(inspect.get("RepoTags").toString()).contains("busybox:latest").contains("example.com/team/tool:1.0");
    assertThat(inspect.get("Config").get("Cmd").toString()).isEqualTo("[\"sh\"]");
    assertThat(inspect.get("RootFS").get("Layers")).hasSize(1);
    assertThat(inspect.get("Size").asLong()).isGreaterThan(Files.size(RootfsFixture.BUSYBOX) - 1);
    assertThat(ok("image", "inspect", "-f", "{{.Os}}/{{.Architecture}}", "busybox").stdout().strip())
        .isEqualTo("linux/amd64");
  }

  @Test
  @Order(6)
  void historyListsTheImportStep() throws Exception {
    CommandResult history = ok("history", "busybox");
    assertThat(history.stdout().lines().findFirst().orElseThrow())
        .matches("IMAGE\\s+CREATED\\s+CREATED BY\\s+SIZE\\s+COMMENT");
    assertThat(history.stdout()).contains("Imported from -");
  }

  @Test
  @Order(7)
  void saveThenLoadRestoresARemovedImage() throws Exception {
    Path archive = work.resolve("saved.tar");
    ok("save", "-o", archive.toString(), "example.com/team/tool:1.0");
    assertThat(Files.size(archive)).isGreaterThan(Files.size(RootfsFixture.BUSYBOX));

    CommandResult removed = ok("rmi", "example.com/team/tool:1.0");
    assertThat(removed.stdout().strip()).isEqualTo("Untagged: example.com/team/tool:1.0");

    CommandResult loaded = ok("load", "-i", archive.toString());
    assertThat(loaded.stdout()).contains("Loaded image: example.com/team/tool:1.0");
    assertThat(ok("images", "-q").stdout().strip().lines().distinct().count()).isEqualTo(1);
  }

  @Test
  @Order(8)
  void rmiOfTheLastTagDeletesTheImage() throws Exception {
    String id = ok("image", "inspect", "-f", "{{.Id}}", "busybox").stdout().strip();
    assertThat(ok("rmi", "busybox").stdout().strip()).isEqualTo("Untagged: busybox:latest");
    CommandResult last = ok("rmi", "example.com/team/tool:1.0");
    assertThat(last.stdout()).contains("Untagged: example.com/team/tool:1.0").contains("Deleted: " + id);
    assertThat(ok("images", "-q").stdout()).isBlank();
  }

  @Test
  @Order(9)
  void missingImageGivesDockersError() throws Exception {
    CommandResult result = docker.run("image", "inspect", "nosuch:1.0");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("No such image: nosuch:1.0");
    CommandResult rmi = docker.run("rmi", "nosuch");
    assertThat(rmi.exitCode()).isEqualTo(1);
    assertThat(rmi.stderr().strip()).isEqualTo("Error response from daemon: No such image: nosuch:latest");
  }
}
