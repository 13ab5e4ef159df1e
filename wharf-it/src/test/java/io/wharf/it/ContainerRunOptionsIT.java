package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker run}'s options and {@code docker exec} through the real docker CLI: stdin,
 * terminals, exec beside PID 1, Docker's security defaults and the flags that change them,
 * the stop signal and timeout. Every container is removed again.
 */
@Tag("root")
class ContainerRunOptionsIT {
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
  void pipedStdinReachesTheProcessAndItsEndIsEndOfFile() throws Exception {
    Path input = Files.writeString(work.resolve("input.txt"), "hello\nworld\n");
    CommandResult cat = docker.runWithInput(input, "run", "-i", "--rm", "busybox", "sh", "-c", "cat; echo end");
    assertThat(cat.exitCode()).as(cat.toString()).isZero();
    assertThat(cat.stdout()).isEqualTo("hello\nworld\nend\n");
  }

  @Test
  void ttyGivesTheProcessATerminal() throws Exception {
    CommandResult tty = docker.run("run", "--rm", "-t", "busybox", "sh", "-c", "tty; test -t 1 && echo yes");
    assertThat(tty.exitCode()).as(tty.toString()).isZero();
    assertThat(tty.stdout()).isEqualTo("/dev/pts/0\r\nyes\r\n");
  }

  @Test
  void execRunsBesideTheFirstProcess() throws Exception {
    String id = docker.run("run", "-d", "busybox", "sleep", "100000").stdout().strip();
    try {
      CommandResult ps = docker.run("exec", id, "ps", "-o", "pid,args");
      assertThat(ps.exitCode()).as(ps.toString()).isZero();
      assertThat(ps.stdout()).containsPattern("\\s1 sleep 100000");
      CommandResult five = docker.run("exec", id, "sh", "-c", "echo out; echo err >&2; exit 5");
      assertThat(five.exitCode()).isEqualTo(5);
      assertThat(five.stdout()).isEqualTo("out\n");
      assertThat(five.stderr()).isEqualTo("err\n");
      CommandResult settings = docker.run("exec", "-e", "X=1", "-w", "/tmp", "-u", "65534", id, "sh", "-c",
          "echo $X $(pwd) $(id -u)");
      assertThat(settings.stdout()).isEqualTo("1 /tmp 65534\n");
      Path input = Files.writeString(work.resolve("exec-input.txt"), "piped\n");
      assertThat(docker.runWithInput(input, "exec", "-i", id, "cat").stdout()).isEqualTo("piped\n");
      CommandResult missing = docker.run("exec", id, "no-such-command");
      assertThat(missing.exitCode()).isEqualTo(126);
      assertThat(missing.stdout()).contains("OCI runtime exec failed", "executable file not found in $PATH");
      assertThat(missing.stderr()).isEmpty();
      assertThat(docker.run("exec", "-d", id, "sleep", "1").exitCode()).isZero();
      CommandResult tty = docker.run("exec", "-t", id, "sh", "-c", "tty; echo $TERM; exit 2");
      assertThat(tty.exitCode()).isEqualTo(2);
      assertThat(tty.stdout()).matches("/dev/pts/\\d+\r\nxterm\r\n");
    } finally {
      docker.run("rm", "-f", id);
    }
    CommandResult stopped = docker.run("exec", id, "true");
    assertThat(stopped.exitCode()).isEqualTo(1);
    assertThat(stopped.stderr()).contains("No such container");
  }

  @Test
  void containersGetDockersSecurityDefaults() throws Exception {
    CommandResult status = docker.run("run", "--rm", "busybox", "sh", "-c",
        "grep -E '^(CapEff|Seccomp|NoNewPrivs):' /proc/self/status; unshare -U true 2>/dev/null || echo unshare-refused; "
            + "cat /proc/kcore 2>/dev/null | head -c1 | wc -c; echo 1 > /proc/sys/kernel/panic 2>/dev/null || echo ro");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    // Docker's 14 default capabilities, mode 2 (a seccomp filter), privileges may be gained
    assertThat(status.stdout()).isEqualTo(
        "CapEff:\t00000000a80425fb\nNoNewPrivs:\t0\nSeccomp:\t2\nunshare-refused\n0\nro\n");
    CommandResult files = docker.run("run", "--rm", "-h", "box", "busybox", "sh", "-c",
        "cat /etc/hostname; grep -c localhost /etc/hosts; grep -c nameserver /etc/resolv.conf");
    assertThat(files.stdout()).startsWith("box\n2\n").doesNotEndWith("\n0\n");
  }

  @Test
  void securityFlagsChangeTheDefaults() throws Exception {
    CommandResult caps = docker.run("run", "--rm", "--cap-add", "NET_ADMIN", "--cap-drop", "chown", "busybox",
        "grep", "CapEff", "/proc/self/status");
    assertThat(caps.stdout().strip()).isEqualTo("CapEff:\t00000000a80435fa");
    CommandResult privileged = docker.run("run", "--rm", "--privileged", "busybox", "sh", "-c",
        "grep Seccomp: /proc/self/status; unshare -U true && echo unshare-allowed");
    assertThat(privileged.stdout()).isEqualTo("Seccomp:\t0\nunshare-allowed\n");
    String hostDevice = hostDeviceBeyondDefaults();
    assertThat(docker.run("run", "--rm", "--privileged", "busybox", "test", "-e", hostDevice).exitCode()).isZero();
    assertThat(docker.run("run", "--rm", "busybox", "test", "-e", hostDevice).exitCode()).isEqualTo(1);
    CommandResult unconfined = docker.run("run", "--rm", "--security-opt", "seccomp=unconfined", "--security-opt",
        "no-new-privileges", "busybox", "grep", "-E", "^(NoNewPrivs|Seccomp):", "/proc/self/status");
    assertThat(unconfined.stdout()).isEqualTo("NoNewPrivs:\t1\nSeccomp:\t0\n");
    CommandResult unknown = docker.run("run", "--rm", "--cap-add", "FOO", "busybox", "true");
    assertThat(unknown.exitCode()).isEqualTo(125);
    assertThat(unknown.stderr()).contains("invalid CapAdd: unknown capability: \"CAP_FOO\"");
    assertThat(docker.run("ps", "-aq").stdout()).isBlank();
    CommandResult readOnly = docker.run("run", "--rm", "--read-only", "busybox", "sh", "-c",
        "touch /x 2>/dev/null || echo refused; touch /dev/shm/x && echo shm-writable");
    assertThat(readOnly.stdout()).isEqualTo("refused\nshm-writable\n");
    CommandResult init = docker.run("run", "--rm", "--init", "busybox", "ps", "-o", "pid,args");
    assertThat(init.stdout()).containsPattern("\\s1 /sbin/docker-init -- ps");
    CommandResult shm = docker.run("run", "--rm", "--shm-size", "8m", "busybox", "df", "-k", "/dev/shm");
    assertThat(shm.stdout()).containsPattern("shm\\s+8192\\s");
  }

  @Test
  void stopSendsTheStopSignalAndKillsAfterTheTimeout() throws Exception {
    String handlesTerm = docker.run("run", "-d", "busybox", "sh", "-c",
        "trap 'exit 0' TERM; while true; do sleep 0.1; done").stdout().strip();
    String handlesUsr1 = docker.run("run", "-d", "--stop-signal", "USR1", "busybox", "sh", "-c",
        "trap 'exit 7' USR1; while true; do sleep 0.1; done").stdout().strip();
    String ignoresTerm = docker.run("run", "-d", "--stop-timeout", "1", "busybox", "sh", "-c",
        "trap '' TERM; while true; do sleep 0.1; done").stdout().strip();
    try {
      // a long timeout: the exit code shows whether the signal or the timeout ended it
      assertThat(docker.run("stop", "-t", "60", handlesTerm).exitCode()).isZero();
      assertThat(docker.run("inspect", "-f", "{{.State.ExitCode}}", handlesTerm).stdout().strip()).isEqualTo("0");
      assertThat(docker.run("stop", "-t", "60", handlesUsr1).exitCode()).isZero();
      assertThat(docker.run("inspect", "-f", "{{.State.ExitCode}}", handlesUsr1).stdout().strip()).isEqualTo("7");
      assertThat(docker.run("stop", ignoresTerm).exitCode()).isZero();
      assertThat(docker.run("inspect", "-f", "{{.State.ExitCode}}", ignoresTerm).stdout().strip()).isEqualTo("137");
    } finally {
      docker.run("rm", "-f", handlesTerm, handlesUsr1, ignoresTerm);
    }
  }

  @Test
  void restartRenamePruneAndPsFilters() throws Exception {
    String id = docker.run("run", "-d", "--name", "first-name", "--label", "tier=web", "busybox", "sleep", "100000")
        .stdout().strip();
    String done = docker.run("run", "--name", "finished", "--label", "tier=batch", "busybox", "sh", "-c", "exit 3")
        .stdout().strip();
    try {
      long pid = Long.parseLong(docker.run("inspect", "-f", "{{.State.Pid}}", id).stdout().strip());
      assertThat(docker.run("restart", "-t", "1", "first-name").exitCode()).isZero();
      long newPid = Long.parseLong(docker.run("inspect", "-f", "{{.State.Pid}}", id).stdout().strip());
      assertThat(newPid).isNotEqualTo(pid);
      assertThat(docker.run("rename", "first-name", "second-name").exitCode()).isZero();
      CommandResult taken = docker.run("rename", "second-name", "finished");
      assertThat(taken.exitCode()).isEqualTo(1);
      assertThat(taken.stderr()).contains("Conflict. The container name \"/finished\" is already in use");
      assertThat(docker.run("ps", "--format", "{{.Names}}", "--filter", "label=tier=web").stdout())
          .isEqualTo("second-name\n");
      assertThat(docker.run("ps", "-a", "--format", "{{.Names}}", "--filter", "exited=3").stdout())
          .isEqualTo("finished\n");
      assertThat(docker.run("ps", "-a", "--format", "{{.Names}}", "--filter", "status=running").stdout())
          .isEqualTo("second-name\n");
      CommandResult bad = docker.run("ps", "--filter", "colour=blue");
      assertThat(bad.exitCode()).isEqualTo(1);
      assertThat(bad.stderr()).contains("invalid filter 'colour'");
      CommandResult prune = docker.run("container", "prune", "-f");
      assertThat(prune.stdout()).contains("Deleted Containers:", done);
      assertThat(docker.run("ps", "-aq", "--no-trunc").stdout().strip()).isEqualTo(id);
    } finally {
      docker.run("rm", "-f", id, done);
    }
  }

  @Test
  void diffCommitAndExportSeeTheWritableLayer() throws Exception {
    String id = docker.run("run", "--name", "changer", "busybox", "sh", "-c",
        "echo hi > /root/new; rm /bin/vi; mkdir -p /opt/app; echo y > /opt/app/f").stdout().strip();
    try {
      assertThat(docker.run("diff", "changer").stdout())
          .isEqualTo("C /bin\nD /bin/vi\nA /opt\nA /opt/app\nA /opt/app/f\nC /root\nA /root/new\n");
      assertThat(docker.run("ps", "-a", "-s", "--filter", "name=changer", "--format", "{{.Size}}").stdout().strip())
          .matches("5B \\(virtual [0-9.]+MB\\)");
      CommandResult commit = docker.run("commit", "-c", "CMD [\"cat\", \"/root/new\"]", "-m", "my change", "changer",
          "committed:1");
      assertThat(commit.exitCode()).as(commit.toString()).isZero();
      assertThat(commit.stdout().strip()).matches("sha256:[0-9a-f]{64}");
      assertThat(docker.run("run", "--rm", "committed:1").stdout()).isEqualTo("hi\n");
      CommandResult layer = docker.run("run", "--rm", "committed:1", "sh", "-c",
          "test -e /bin/vi || echo vi-gone; cat /opt/app/f");
      assertThat(layer.stdout()).isEqualTo("vi-gone\ny\n");
      assertThat(docker.run("history", "--format", "{{.Comment}}", "committed:1").stdout()).startsWith("my change\n");
      Path exported = work.resolve("export.tar");
      CommandResult export = docker.run("export", "-o", exported.toString(), "changer");
      assertThat(export.exitCode()).as(export.toString()).isZero();
      List<String> names = new ArrayList<>();
      try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(exported))) {
        for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          names.add(e.getName());
        }
      }
      assertThat(names).contains("root/new", "opt/app/f", "bin/sh").doesNotContain("bin/vi");
    } finally {
      docker.run("rm", "-f", id);
      docker.run("rmi", "committed:1");
    }
  }

  @Test
  void logsTakeTailTimestampsSinceAndUntil() throws Exception {
    CommandResult run = docker.run("run", "--name", "talker", "busybox", "sh", "-c",
        "echo one; echo two; echo three >&2; printf 'four'");
    assertThat(run.stdout()).isEqualTo("one\ntwo\nfour");
    try {
      assertThat(docker.run("logs", "--tail", "3", "talker").stdout()).isEqualTo("two\nfour");
      CommandResult lastTwo = docker.run("logs", "-n", "2", "talker");
      assertThat(lastTwo.stdout() + "|" + lastTwo.stderr()).isEqualTo("four|three\n");
      CommandResult stamped = docker.run("logs", "-t", "talker");
      assertThat(stamped.stdout()).matches(
          "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z one\\n)"
              + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z two\\n"
              + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z four");
      assertThat(docker.run("logs", "--since", "2099-01-01T00:00:00Z", "talker").stdout()).isEmpty();
      assertThat(docker.run("logs", "--until", "2000-01-01T00:00:00Z", "talker").stdout()).isEmpty();
      assertThat(docker.run("logs", "--since", "2000-01-01T00:00:00Z", "talker").stdout()).isEqualTo("one\ntwo\nfour");
    } finally {
      docker.run("rm", "-f", "talker");
    }
  }

  @Test
  void inspectKeepsEntrypointAndCmdApartAndCommitKeepsThem() throws Exception {
    String id = docker.run("create", "--entrypoint", "sh", "--stop-signal", "USR1", "busybox", "-c", "echo hi")
        .stdout().strip();
    try {
      assertThat(docker.run("inspect", "-f",
          "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Path}} {{json .Args}} {{.Config.StopSignal}}", id)
          .stdout().strip()).isEqualTo("[\"sh\"] [\"-c\",\"echo hi\"] sh [\"-c\",\"echo hi\"] USR1");
      assertThat(docker.run("commit", id, "kept:1").exitCode()).isZero();
      assertThat(docker.run("image", "inspect", "-f", "{{json .Config.Entrypoint}} {{json .Config.Cmd}}", "kept:1")
          .stdout().strip()).isEqualTo("[\"sh\"] [\"-c\",\"echo hi\"]");
      assertThat(docker.run("run", "--rm", "kept:1").stdout()).isEqualTo("hi\n");
    } finally {
      docker.run("rm", "-f", id);
      docker.run("rmi", "kept:1");
    }
  }

  /** A device node of this host that Docker's default /dev has not (a disk, loop-control …). */
  private static String hostDeviceBeyondDefaults() throws Exception {
    java.util.Set<String> defaults = java.util.Set.of("null", "zero", "full", "random", "urandom", "tty", "console",
        "ptmx", "stdin", "stdout", "stderr", "fd", "core");
    try (var entries = Files.list(Path.of("/dev"))) {
      for (Path p : entries.sorted().toList()) {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        int type = mode & 0170000;
        if ((type == 0020000 || type == 0060000) && !defaults.contains(p.getFileName().toString())
            && !p.getFileName().toString().startsWith("tty")) {
          return p.toString();
        }
      }
    }
    throw new IllegalStateException("this host has no device beyond Docker's defaults");
  }
}
