package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What distribution tests start from: two wharfds of the class's own, one that pushes and one
 * (with an empty store) that pulls, each with the real docker CLI and a configuration of its
 * own. The subclass starts its registries after these and closes them before these stop.
 */
abstract class PushPullDaemonsTest {
  static WharfDaemonProcess pusher;
  static WharfDaemonProcess puller;
  static DockerCli pushing;
  static DockerCli pulling;
  @TempDir static Path work;

  @BeforeAll
  static void startDaemons() throws Exception {
    pusher = WharfDaemonProcess.start();
    puller = WharfDaemonProcess.start();
    pushing = new DockerCli(pusher.host(), Files.createDirectories(work.resolve("config-push")));
    pulling = new DockerCli(puller.host(), Files.createDirectories(work.resolve("config-pull")));
  }

  @AfterAll
  static void stopDaemons() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {pusher, puller}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** Closes what a subclass started, skipping what it never got to start. */
  static void closeAll(AutoCloseable... resources) throws Exception {
    for (AutoCloseable c : resources) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** Runs docker and asserts it exited 0, showing its output and both daemons' logs otherwise. */
  static CommandResult ok(DockerCli docker, String... args) throws Exception {
    CommandResult result = docker.run(args);
    assertThat(result.exitCode()).as("docker %s\n%s\npusher log:\n%s\npuller log:\n%s", String.join(" ", args), result,
        pusher.log(), puller.log()).isZero();
    return result;
  }
}
