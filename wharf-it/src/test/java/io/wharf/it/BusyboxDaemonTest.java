package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What most end-to-end tests start from: a wharfd of the class's own (data root and socket), the
 * real docker CLI pointed at it with a configuration of its own, and a busybox image made
 * offline. Every container goes after each test; the daemon and all it made go after the class.
 */
abstract class BusyboxDaemonTest {
  static WharfDaemonProcess daemon;
  static DockerCli docker;
  @TempDir static Path work;

  @BeforeAll
  static void startDaemon() throws Exception {
    daemon = WharfDaemonProcess.start();
    docker = new DockerCli(daemon.host(), Files.createDirectories(work.resolve("docker-config")));
    docker.importBusybox(work, "busybox:latest");
  }

  @AfterEach
  void removeContainers() throws Exception {
    docker.removeAllContainers();
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** Runs docker and asserts it exited 0, showing its output and wharfd's log otherwise. */
  static CommandResult ok(String... args) throws Exception {
    CommandResult result = docker.run(args);
    assertThat(result.exitCode()).as("docker %s\n%s\nwharfd log:\n%s", String.join(" ", args), result, daemon.log())
        .isZero();
    return result;
  }
}
