package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What keeps containers alive and bounded, through the real docker CLI: memory limits and the
 * OOM killer, restart policies, healthchecks, pause, update, stats, top, events, and a bounded log.
 */
class LifecycleIT extends BusyboxDaemonTest {
  /** Polls {@code docker inspect -f format name} until {@code done} holds (the container changes on its own). */
  private static String awaitInspect(String name, String format, Predicate<String> done) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    String value = "";
    while (Instant.now().isBefore(deadline)) {
      value = docker.run("inspect", "-f", format, name).stdout().strip();
      if (done.test(value)) {
        return value;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("inspect " + format + " of " + name + " stayed " + value + "\n" + daemon.log());
  }

  @Test
  void memoryLimitAndTheOomKiller() throws Exception {
    CommandResult tooSmall = docker.run("run", "--rm", "--memory", "4m", "busybox", "true");
    assertThat(tooSmall.exitCode()).isEqualTo(125);
    assertThat(tooSmall.stderr()).contains("Minimum memory limit allowed is 6MB");
    // a shell that keeps growing a string until the 32 MiB limit stops it
    CommandResult oom = docker.run("run", "--name", "hog", "--memory", "32m", "--memory-swap", "32m", "busybox", "sh",
        "-c", "x=a; while true; do x=$x$x$x$x; done");
    assertThat(oom.exitCode()).isEqualTo(137);
    assertThat(ok("inspect", "-f", "{{.State.OOMKilled}} {{.State.ExitCode}} {{.HostConfig.Memory}}", "hog").stdout()
        .strip()).isEqualTo("true 137 33554432");
  }

  @Test
  void onFailureRestartsUpToItsCount() throws Exception {
    ok("run", "-d", "--name", "flaky", "--restart", "on-failure:2", "busybox", "sh", "-c", "exit 3");
    String done = awaitInspect("flaky", "{{.RestartCount}} {{.State.Status}}", v -> v.equals("2 exited"));
    assertThat(done).isEqualTo("2 exited");
    assertThat(ok("inspect", "-f", "{{.State.ExitCode}} {{.HostConfig.RestartPolicy.Name}}", "flaky").stdout().strip())
        .isEqualTo("3 on-failure");
  }

  @Test
  void stopWinsOverAnAlwaysPolicy() throws Exception {
    ok("run", "-d", "--name", "forever", "--restart", "always", "busybox", "sh", "-c", "sleep 0.2");
    awaitInspect("forever", "{{.RestartCount}}", v -> !v.equals("0"));
    ok("stop", "-t", "1", "forever");
    String status = awaitInspect("forever", "{{.State.Status}}", v -> v.equals("exited"));
    Thread.sleep(500); // a restart that was not cancelled would show by now
    assertThat(docker.run("inspect", "-f", "{{.State.Status}}", "forever").stdout().strip()).isEqualTo(status);
  }

  @Test
  void healthcheckTurnsHealthyThenUnhealthy() throws Exception {
    ok("run", "-d", "--name", "checked", "--health-cmd", "test ! -f /tmp/broken", "--health-interval", "300ms",
        "--health-retries", "2", "busybox", "sh", "-c", "mkdir -p /tmp; sleep 300");
    awaitInspect("checked", "{{.State.Health.Status}}", v -> v.equals("healthy"));
    assertThat(ok("ps", "--format", "{{.Status}}", "--filter", "name=checked").stdout()).contains("(healthy)");
    ok("exec", "checked", "touch", "/tmp/broken");
    awaitInspect("checked", "{{.State.Health.Status}}", v -> v.equals("unhealthy"));
    assertThat(ok("inspect", "-f", "{{.State.Health.FailingStreak}}", "checked").stdout().strip()).isNotEqualTo("0");
    assertThat(ok("ps", "--format", "{{.Status}}", "--filter", "name=checked").stdout()).contains("(unhealthy)");
  }

  @Test
  void pauseUnpauseAndUpdate() throws Exception {
    ok("run", "-d", "--name", "frozen", "busybox", "sleep", "300");
    ok("pause", "frozen");
    assertThat(ok("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", "frozen").stdout().strip())
        .isEqualTo("paused true");
    assertThat(ok("ps", "--format", "{{.Status}}", "--filter", "name=frozen").stdout()).contains("(Paused)");
    ok("unpause", "frozen");
    assertThat(ok("inspect", "-f", "{{.State.Status}}", "frozen").stdout().strip()).isEqualTo("running");
    ok("update", "--memory", "64m", "--memory-swap", "128m", "--restart", "unless-stopped", "frozen");
    assertThat(ok("inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.RestartPolicy.Name}}", "frozen").stdout()
        .strip()).isEqualTo("67108864 unless-stopped");
  }

  @Test
  void logMaxSizeKeepsTheLogBounded() throws Exception {
    ok("run", "--name", "chatty", "--log-opt", "max-size=10k", "--log-opt", "max-file=2", "busybox", "sh", "-c",
        "i=0; while [ $i -lt 3000 ]; do echo line-$i-padding-padding-padding; i=$((i+1)); done");
    Path log = Path.of(ok("inspect", "-f", "{{.LogPath}}", "chatty").stdout().strip());
    // one current file and one rotated one, each bounded by max-size
    assertThat(Files.size(log)).isLessThan(10_000 + 4096);
    assertThat(log.resolveSibling("ctr.log.1")).exists();
    assertThat(Files.size(log.resolveSibling("ctr.log.1"))).isLessThan(10_000 + 4096);
    assertThat(log.resolveSibling("ctr.log.2")).doesNotExist();
    assertThat(ok("logs", "--tail", "1", "chatty").stdout()).contains("line-2999");
    // logs reads across the rotated file: more lines than the current file holds, in order, ending with the last
    List<String> lines = ok("logs", "chatty").stdout().lines().toList();
    long current = Files.readAllLines(log).size();
    assertThat(lines.size()).isGreaterThan((int) current);
    assertThat(lines.getLast()).startsWith("line-2999-");
    // in order; a burst faster than the rotation can drop a whole file's worth (see the README), never reorder
    List<Integer> numbers = lines.stream().map(l -> Integer.parseInt(l.split("-")[1])).toList();
    assertThat(numbers).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void statsTopAndEvents() throws Exception {
    String since = Long.toString(java.time.Instant.now().getEpochSecond() - 1);
    ok("run", "-d", "--name", "watched", "--memory", "64m", "busybox", "sleep", "300");
    String stats = ok("stats", "--no-stream", "--format", "{{.Name}} {{.MemUsage}} {{.PIDs}}", "watched").stdout();
    assertThat(stats.strip()).matches("watched \\S+ / 64MiB 1");
    String top = ok("top", "watched").stdout();
    assertThat(top.lines().findFirst().orElseThrow()).contains("PID").contains("CMD");
    assertThat(top).contains("sleep 300");
    ok("run", "--name", "short", "busybox", "true");
    String events = ok("events", "--since", since, "--until", Long.toString(java.time.Instant.now().getEpochSecond() + 1),
        "--filter", "container=short", "--format", "{{.Action}}").stdout();
    assertThat(events.lines().toList()).containsSubsequence("create", "start", "die");
    ok("tag", "busybox", "busybox:events");
    ok("rmi", "busybox:events");
    ok("volume", "create", "evvol");
    ok("volume", "rm", "evvol");
    String others = ok("events", "--since", since, "--until", Long.toString(java.time.Instant.now().getEpochSecond() + 1),
        "--filter", "type=image", "--filter", "type=volume", "--format", "{{.Type}} {{.Action}}").stdout();
    assertThat(others.lines().toList()).contains("image tag", "image untag", "volume create", "volume destroy");
  }

  @Test
  void anAlwaysContainerComesBackAfterADaemonCrash() throws Exception {
    ok("run", "-d", "--name", "survivor", "--restart", "always", "busybox", "sleep", "300");
    ok("run", "-d", "--name", "stopped-by-user", "--restart", "unless-stopped", "busybox", "sleep", "300");
    ok("stop", "-t", "0", "stopped-by-user");
    long pid = Long.parseLong(ok("inspect", "-f", "{{.State.Pid}}", "survivor").stdout().strip());
    daemon.kill();
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // it dies while wharfd is down
    daemon = WharfDaemonProcess.startIn(daemon.base());
    String state = awaitInspect("survivor", "{{.State.Status}} {{.State.Pid}}",
        v -> v.startsWith("running ") && !v.endsWith(" " + pid));
    assertThat(state).startsWith("running");
    assertThat(ok("inspect", "-f", "{{.State.Status}}", "stopped-by-user").stdout().strip()).isEqualTo("exited");
  }
}
