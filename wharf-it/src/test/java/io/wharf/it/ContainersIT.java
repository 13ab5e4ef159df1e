package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first slice of containers, through the real docker CLI: run with its output and exit
 * codes, run -d, logs with stdout and stderr apart, ps, stop, kill, rm. Real busybox
 * containers under conmon and runc on overlayfs; every container is removed again.
 */
@Tag("root")
class ContainersIT {
  private static WharfDaemonProcess daemon;
  private static DockerCli docker;
  @TempDir static Path work;

  @BeforeAll
  static void startDaemonWithBusybox() throws Exception {
    daemon = WharfDaemonProcess.start();
    docker = new DockerCli(daemon.host(), Files.createDirectories(work.resolve("docker-config")));
    docker.importBusybox(work, "busybox");
  }

  @AfterAll
  static void removeEverything() throws Exception {
    if (daemon != null) {
      docker.removeAllContainers();
      daemon.close();
    }
  }

  @Test
  void runPrintsTheOutputAndPassesTheExitCodeOn() throws Exception {
    CommandResult hello = docker.run("run", "--rm", "busybox", "echo", "hello");
    assertThat(hello.exitCode()).as(hello.toString()).isZero();
    assertThat(hello.stdout()).isEqualTo("hello\n");
    CommandResult three = docker.run("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3");
    assertThat(three.exitCode()).isEqualTo(3);
    assertThat(three.stdout()).isEqualTo("out\n");
    assertThat(three.stderr()).isEqualTo("err\n");
    CommandResult missing = docker.run("run", "--rm", "busybox", "no-such-command");
    assertThat(missing.exitCode()).isEqualTo(127);
    assertThat(missing.stderr()).contains("executable file not found");
    assertThat(docker.run("ps", "-aq").stdout()).isBlank();
  }

  @Test
  void detachedContainerLogsStopsAndIsRemoved() throws Exception {
    String script = "echo started; echo warn >&2; trap 'echo bye; exit 0' TERM; while true; do sleep 0.1; done";
    CommandResult run = docker.run("run", "-d", "--name", "svc", "busybox", "sh", "-c", script);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    String id = run.stdout().strip();
    assertThat(docker.run("ps").stdout()).containsPattern(id.substring(0, 12) + ".*Up .*svc");
    CommandResult logs = docker.run("logs", "svc");
    assertThat(logs.stdout()).startsWith("started\n");
    assertThat(logs.stderr()).isEqualTo("warn\n");
    assertThat(docker.run("stop", "svc").exitCode()).isZero();
    assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "svc").stdout().strip())
        .isEqualTo("exited 0");
    assertThat(docker.run("logs", "svc").stdout()).isEqualTo("started\nbye\n");
    assertThat(docker.run("rm", "svc").exitCode()).isZero();
    CommandResult gone = docker.run("logs", "svc");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.stderr()).contains("No such container: svc");
  }

  @Test
  void killedContainerExitsWith137AndRunningOnesRefuseRm() throws Exception {
    assertThat(docker.run("run", "-d", "--name", "sleeper", "busybox", "sleep", "60").exitCode()).isZero();
    CommandResult rm = docker.run("rm", "sleeper");
    assertThat(rm.exitCode()).isEqualTo(1);
    assertThat(rm.stderr()).contains("You cannot remove a running container");
    assertThat(docker.run("kill", "sleeper").exitCode()).isZero();
    assertThat(docker.run("wait", "sleeper").stdout().strip()).isEqualTo("137");
    assertThat(docker.run("rm", "sleeper").exitCode()).isZero();
  }

  @Test
  void containerHasDockersCapabilitiesAndItsOwnHostname() throws Exception {
    CommandResult caps = docker.run("run", "--rm", "busybox", "sh", "-c", "grep CapEff /proc/self/status; hostname");
    assertThat(caps.stdout()).contains("CapEff:\t00000000a80425fb");
    assertThat(caps.stdout().strip().lines().toList().getLast()).matches("[0-9a-f]{12}");
  }
}
