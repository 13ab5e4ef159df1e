package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.cli.Wharf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wharf CLI against a wharfd of its own: in-process for most checks, and once through bin/wharf. */
class WharfCliIT {
  private static WharfDaemonProcess daemon;
  @TempDir static Path work;

  @BeforeAll
  static void startDaemon() throws Exception {
    daemon = WharfDaemonProcess.start();
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static CommandResult wharf(InputStream in, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] withHost = new String[args.length + 2];
    withHost[0] = "-H";
    withHost[1] = daemon.host();
    System.arraycopy(args, 0, withHost, 2, args.length);
    int code = Wharf.run(withHost, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), in, Map.of());
    return new CommandResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static CommandResult wharf(String... args) {
    return wharf(new ByteArrayInputStream(new byte[0]), args);
  }

  @Test
  void imageWorkflowPrintsWhatDockerPrints() throws Exception {
    Path rootfs = RootfsFixture.busybox(work.resolve("busybox.tar"));
    CommandResult imported = wharf("import", "-c", "CMD [\"sh\"]", "-m", "from the test", rootfs.toString(), "cli/busybox:1");
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    String id = imported.stdout().strip();
    assertThat(id).matches("sha256:[0-9a-f]{64}");

    CommandResult images = wharf("images");
    assertThat(images.stdout()).startsWith("REPOSITORY    TAG       IMAGE ID       CREATED");
    assertThat(images.stdout()).containsPattern("cli/busybox\\s+1\\s+" + id.substring(7, 19));

    assertThat(wharf("tag", "cli/busybox:1", "cli/other").exitCode()).isZero();
    assertThat(wharf("images", "-q", "cli/other").stdout().strip()).isEqualTo(id.substring(7, 19));
    assertThat(wharf("image", "inspect", "-f", "{{.Comment}} {{json .Config.Cmd}}", "cli/busybox:1").stdout().strip())
        .isEqualTo("from the test [\"sh\"]");
    assertThat(wharf("history", "--no-trunc", "--format", "{{.ID}} {{.Comment}}", "cli/busybox:1").stdout().strip())
        .isEqualTo(id + " from the test");

    Path saved = work.resolve("saved.tar");
    assertThat(wharf("save", "-o", saved.toString(), "cli/other").exitCode()).isZero();
    CommandResult removed = wharf("rmi", "cli/busybox:1", "cli/other");
    assertThat(removed.stdout()).contains("Untagged: cli/busybox:1", "Untagged: cli/other:latest", "Deleted: " + id);
    CommandResult loaded = wharf(Files.newInputStream(saved), "load");
    assertThat(loaded.stdout().strip()).isEqualTo("Loaded image: cli/other:latest");

    CommandResult prune = wharf(new ByteArrayInputStream("y\n".getBytes(StandardCharsets.UTF_8)), "image", "prune", "-a");
    assertThat(prune.stdout()).contains("Are you sure you want to continue? [y/N]", "untagged: cli/other:latest",
        "Total reclaimed space: ");
    assertThat(wharf("images", "-aq").stdout()).isBlank();
  }

  @Test
  void errorsAndExitCodesAreDockers() {
    CommandResult missing = wharf("rmi", "cli/nosuch");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr().strip()).isEqualTo("Error response from daemon: No such image: cli/nosuch:latest");
    CommandResult inspect = wharf("inspect", "cli/nosuch");
    assertThat(inspect.exitCode()).isEqualTo(1);
    assertThat(inspect.stdout().strip()).isEqualTo("[]");
    assertThat(inspect.stderr().strip()).isEqualTo("Error: No such object: cli/nosuch");
    CommandResult flag = wharf("images", "--bogus");
    assertThat(flag.exitCode()).isEqualTo(125);
    assertThat(flag.stderr()).isEqualTo("unknown flag: --bogus\nSee 'wharf images --help'.\n");
    CommandResult args = wharf("tag", "only-one");
    assertThat(args.exitCode()).isEqualTo(1);
    assertThat(args.stderr()).startsWith("\"wharf tag\" requires exactly 2 arguments.");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String nowhere = "unix://" + work.resolve("none.sock");
    int code = Wharf.run(new String[] {"-H", nowhere, "images"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), Map.of());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("Cannot connect to the Wharf daemon at " + nowhere + ". Is wharfd running?");
  }

  @Test
  void runCreateStartStopRmAsDockerDoes() throws Exception {
    Path rootfs = RootfsFixture.busybox(work.resolve("run-busybox.tar"));
    assertThat(wharf("import", "-c", "CMD [\"sh\"]", rootfs.toString(), "cli/run:1").exitCode()).isZero();
    try {
      CommandResult run = wharf("run", "--rm", "-e", "A=1", "-w", "/tmp", "-h", "box", "cli/run:1",
          "sh", "-c", "echo $A $(pwd) $(hostname); echo oops >&2; exit 3");
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
      assertThat(run.stdout()).isEqualTo("1 /tmp box\n");
      assertThat(run.stderr()).isEqualTo("oops\n");

      CommandResult notFound = wharf("run", "--rm", "cli/run:1", "nosuch");
      assertThat(notFound.exitCode()).isEqualTo(127);
      assertThat(notFound.stderr()).contains("executable file not found in $PATH");
      CommandResult notExecutable = wharf("run", "--rm", "cli/run:1", "/etc/passwd");
      assertThat(notExecutable.exitCode()).isEqualTo(126);
      CommandResult noImage = wharf("run", "--rm", "cli/nosuch:1", "true");
      assertThat(noImage.exitCode()).isEqualTo(125);

      String id = wharf("run", "-d", "--name", "cli-sleeper", "cli/run:1", "sh", "-c", "echo ready; exec sleep 100")
          .stdout().strip();
      assertThat(id).matches("[0-9a-f]{64}");
      assertThat(wharf("ps", "--format", "{{.Names}} {{.Status}}").stdout()).startsWith("cli-sleeper Up ");
      CommandResult stop = wharf("stop", "-t", "1", "cli-sleeper");
      assertThat(stop.stdout().strip()).isEqualTo("cli-sleeper");
      assertThat(wharf("wait", "cli-sleeper").stdout().strip()).isEqualTo("137");
      assertThat(wharf("logs", "cli-sleeper").stdout()).isEqualTo("ready\n");
      assertThat(wharf("rm", "cli-sleeper").stdout().strip()).isEqualTo("cli-sleeper");
      CommandResult gone = wharf("logs", "cli-sleeper");
      assertThat(gone.exitCode()).isEqualTo(1);
      assertThat(gone.stderr().strip()).isEqualTo("Error response from daemon: No such container: cli-sleeper");
    } finally {
      wharf("rm", "-f", "cli-sleeper");
      wharf("rmi", "cli/run:1");
    }
  }

  @Test
  void runWithStdinAndExecAsDockerDoes() throws Exception {
    Path rootfs = RootfsFixture.busybox(work.resolve("exec-busybox.tar"));
    assertThat(wharf("import", "-c", "CMD [\"sh\"]", rootfs.toString(), "cli/exec:1").exitCode()).isZero();
    Path envFile = Files.writeString(work.resolve("env.list"), "# comment\nFROM_FILE=yes\n\nOVERRIDDEN=file\n");
    try {
      CommandResult interactive = wharf(new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)),
          "run", "-i", "--rm", "--env-file", envFile.toString(), "-e", "OVERRIDDEN=flag", "cli/exec:1", "sh", "-c",
          "cat; echo $FROM_FILE $OVERRIDDEN; exit 2");
      assertThat(interactive.exitCode()).as(interactive.toString()).isEqualTo(2);
      assertThat(interactive.stdout()).isEqualTo("a\nb\nyes flag\n");
      CommandResult tty = wharf("run", "--rm", "-t", "cli/exec:1", "tty");
      assertThat(tty.stdout()).isEqualTo("/dev/pts/0\r\n");

      assertThat(wharf("run", "-d", "--name", "cli-exec", "cli/exec:1", "sleep", "100000").exitCode()).isZero();
      CommandResult exec = wharf(new ByteArrayInputStream("x\n".getBytes(StandardCharsets.UTF_8)),
          "exec", "-i", "-e", "V=1", "cli-exec", "sh", "-c", "cat; echo $V; echo err >&2; exit 6");
      assertThat(exec.exitCode()).isEqualTo(6);
      assertThat(exec.stdout()).isEqualTo("x\n1\n");
      assertThat(exec.stderr()).isEqualTo("err\n");
      assertThat(wharf("run", "-d", "-i", "--name", "cli-attach", "cli/exec:1", "sh", "-c",
          "read line; echo got:$line; exit 5").exitCode()).isZero();
      CommandResult attached = wharf(new ByteArrayInputStream("hi\n".getBytes(StandardCharsets.UTF_8)), "attach",
          "cli-attach");
      assertThat(attached.stdout()).isEqualTo("got:hi\n");
      assertThat(attached.exitCode()).isEqualTo(5);
      CommandResult stopped = wharf("attach", "cli-attach");
      assertThat(stopped.exitCode()).isEqualTo(1);
      assertThat(stopped.stderr()).contains("You cannot attach to a stopped container, start it first");
      CommandResult missing = wharf("exec", "cli-exec", "no-such-command");
      assertThat(missing.exitCode()).isEqualTo(126);
      assertThat(missing.stdout()).contains("OCI runtime exec failed");
    } finally {
      wharf("rm", "-f", "cli-exec", "cli-attach");
      wharf("rmi", "cli/exec:1");
    }
  }

  @Test
  void psListsNoContainersYet() {
    CommandResult ps = wharf("ps", "-a");
    assertThat(ps.exitCode()).isZero();
    assertThat(ps.stdout()).matches("CONTAINER ID\\s+IMAGE\\s+COMMAND\\s+CREATED\\s+STATUS\\s+PORTS\\s+NAMES\\n");
  }

  @Test
  void runThroughTheLauncherPassesSignalsOnToTheContainer() throws Exception {
    Path rootfs = RootfsFixture.busybox(work.resolve("signal-busybox.tar"));
    assertThat(wharf("import", "-c", "CMD [\"sh\"]", rootfs.toString(), "cli/signal:1").exitCode()).isZero();
    try {
      Path launcher = Path.of("..", "bin", "wharf").toAbsolutePath().normalize();
      Process run = new ProcessBuilder(List.of(launcher.toString(), "-H", daemon.host(), "run", "--rm", "cli/signal:1",
          "sh", "-c", "trap 'echo got-term; exit 9' TERM; echo ready; while true; do sleep 0.1; done"))
          .redirectErrorStream(true).start();
      var out = new java.io.BufferedReader(new java.io.InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("ready");
      run.toHandle().destroy(); // SIGTERM to wharf, which sends it on (Process.destroy would close our pipes)
      assertThat(out.readLine()).isEqualTo("got-term");
      assertThat(run.waitFor()).isEqualTo(9);
    } finally {
      for (String id : wharf("ps", "-aq").stdout().strip().split("\n")) {
        if (!id.isBlank()) {
          wharf("rm", "-f", id);
        }
      }
      wharf("rmi", "cli/signal:1");
    }
  }

  @Test
  void launcherRunsTheBuiltClientWithItsAotCache() throws Exception {
    Path launcher = Path.of("..", "bin", "wharf").toAbsolutePath().normalize();
    Process withHost = new ProcessBuilder(List.of(launcher.toString(), "-H", daemon.host(), "version", "--format",
        "{{.Server.APIVersion}}")).redirectErrorStream(true).start();
    String answer = new String(withHost.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(withHost.waitFor()).as(answer).isZero();
    assertThat(answer.strip()).isEqualTo("1.44");
  }
}
