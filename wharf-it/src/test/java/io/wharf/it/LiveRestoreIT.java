package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of wharfd while containers run: conmon keeps them and their logs, and the
 * next wharfd finds them running and usable, and records the exits that happened while it was
 * down with their codes. Through the real docker CLI.
 */
@Tag("root")
class LiveRestoreIT {
  @TempDir static Path work;

  @Test
  void containersOutliveACrashedDaemon() throws Exception {
    WharfDaemonProcess first = WharfDaemonProcess.start();
    Path base = first.base();
    DockerCli docker = new DockerCli(first.host(), Files.createDirectories(work.resolve("docker-config")));
    WharfDaemonProcess second = null;
    try {
      docker.importBusybox(work, "busybox");
      String ticker = docker.run("run", "-d", "--name", "ticker", "busybox", "sh", "-c",
          "echo before; trap 'echo stopping; exit 0' TERM; "
              + "while true; do sleep 0.1; done").stdout().strip();
      String victim = docker.run("run", "-d", "--name", "victim", "busybox", "sleep", "100000").stdout().strip();
      assertThat(ticker).matches("[0-9a-f]{64}");
      long victimPid = Long.parseLong(docker.run("inspect", "-f", "{{.State.Pid}}", victim).stdout().strip());

      first.kill();
      // while wharfd is down, one container dies
      ProcessHandle process = ProcessHandle.of(victimPid).orElseThrow();
      process.destroyForcibly();
      process.onExit().get(30, TimeUnit.SECONDS);

      second = WharfDaemonProcess.startIn(base);
      assertThat(docker.run("ps", "--format", "{{.Names}} {{.Status}}").stdout()).startsWith("ticker Up ");
      assertThat(docker.run("wait", "victim").stdout().strip()).isEqualTo("137");
      assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "victim").stdout().strip())
          .isEqualTo("exited 137");
      CommandResult exec = docker.run("exec", "ticker", "echo", "still here");
      assertThat(exec.stdout()).as(exec.toString()).isEqualTo("still here\n");
      CommandResult stop = docker.run("stop", "-t", "60", "ticker");
      assertThat(stop.exitCode()).as(stop.toString()).isZero();
      assertThat(docker.run("inspect", "-f", "{{.State.ExitCode}}", "ticker").stdout().strip()).isEqualTo("0");
      assertThat(docker.run("logs", "ticker").stdout()).isEqualTo("before\nstopping\n");
      assertThat(docker.run("rm", "ticker", "victim").exitCode()).isZero();
      CommandResult gone = docker.run("logs", "ticker");
      assertThat(gone.exitCode()).isEqualTo(1);
      assertThat(gone.stderr()).contains("No such container: ticker");
    } finally {
      if (second != null) {
        docker.removeAllContainers();
        second.close();
      } else {
        first.close();
      }
    }
  }
}
