package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-java's container calls, as Testcontainers makes them, against real containers. */
@Tag("root")
class DockerJavaContainersIT {
  private static WharfDaemonProcess daemon;
  private static DockerClient client;
  @TempDir static Path work;

  @BeforeAll
  static void connect() throws Exception {
    daemon = WharfDaemonProcess.start();
    client = DockerJava.connect(daemon, work.resolve("docker-config"));
    // docker-java's import sends "{}" instead of the tar: the image comes through the docker CLI
    Path rootfs = RootfsFixture.busybox(work.resolve("busybox.tar"));
    assertThat(new DockerCli(daemon.host(), Files.createDirectories(work.resolve("cli-config")))
        .runWithInput(rootfs, "import", "-", "busybox").exitCode()).isZero();
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (client != null) {
      client.listContainersCmd().withShowAll(true).exec()
          .forEach(c -> client.removeContainerCmd(c.getId()).withForce(true).exec());
      client.close();
    }
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void createStartWaitLogsAndRemove() throws Exception {
    String id = client.createContainerCmd("busybox").withCmd("sh", "-c", "echo to-out; echo to-err >&2; exit 4")
        .withName("dj-run").exec().getId();
    client.startContainerCmd(id).exec();
    int code = client.waitContainerCmd(id).start().awaitStatusCode(30, TimeUnit.SECONDS);
    assertThat(code).isEqualTo(4);
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    client.logContainerCmd(id).withStdOut(true).withStdErr(true).withSince(0)
        .exec(new ResultCallback.Adapter<Frame>() {
          @Override
          public void onNext(Frame frame) {
            (frame.getStreamType() == StreamType.STDERR ? err : out)
                .append(new String(frame.getPayload(), StandardCharsets.UTF_8));
          }
        }).awaitCompletion(30, TimeUnit.SECONDS);
    assertThat(out.toString()).isEqualTo("to-out\n");
    assertThat(err.toString()).isEqualTo("to-err\n");
    var inspect = client.inspectContainerCmd("dj-run").exec();
    assertThat(inspect.getState().getExitCodeLong()).isEqualTo(4L);
    assertThat(inspect.getName()).isEqualTo("/dj-run");
    client.removeContainerCmd(id).exec();
    assertThat(client.listContainersCmd().withShowAll(true).exec()).noneMatch(c -> c.getId().equals(id));
  }

  @Test
  void execAndAttachWithStdinAsTestcontainersUsesThem() throws Exception {
    String id = client.createContainerCmd("busybox").withCmd("sh", "-c", "read line; echo got:$line; sleep 100000")
        .withStdinOpen(true).withName("dj-exec").exec().getId();
    try {
      StringBuilder attached = new StringBuilder();
      var attach = client.attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
          .withStdIn(new java.io.ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)))
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              synchronized (attached) {
                attached.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                attached.notifyAll();
              }
            }
          });
      client.startContainerCmd(id).exec();
      synchronized (attached) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!attached.toString().contains("got:hello") && System.nanoTime() < deadline) {
          attached.wait(1000); // until the container has echoed its input back
        }
      }
      assertThat(attached.toString()).contains("got:hello");
      attach.close();

      String execId = client.execCreateCmd(id).withCmd("sh", "-c", "echo exec-out; echo exec-err >&2; exit 9")
          .withAttachStdout(true).withAttachStderr(true).exec().getId();
      StringBuilder out = new StringBuilder();
      StringBuilder err = new StringBuilder();
      client.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
        @Override
        public void onNext(Frame frame) {
          (frame.getStreamType() == StreamType.STDERR ? err : out)
              .append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        }
      }).awaitCompletion(30, TimeUnit.SECONDS);
      assertThat(out.toString()).isEqualTo("exec-out\n");
      assertThat(err.toString()).isEqualTo("exec-err\n");
      var inspect = client.inspectExecCmd(execId).exec();
      assertThat(inspect.getExitCodeLong()).isEqualTo(9L);
      assertThat(inspect.isRunning()).isFalse();
    } finally {
      client.removeContainerCmd(id).withForce(true).exec();
    }
  }

  @Test
  void killStopRestartAndTheErrorsTestcontainersExpects() throws Exception {
    String sleeper = client.createContainerCmd("busybox").withCmd("sleep", "100000").exec().getId();
    String polite = client.createContainerCmd("busybox")
        .withCmd("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done").exec().getId();
    try {
      client.startContainerCmd(sleeper).exec();
      client.startContainerCmd(polite).exec();
      assertThat(client.inspectContainerCmd(sleeper).exec().getState().getRunning()).isTrue();
      assertThat(client.listContainersCmd().exec()).extracting(c -> c.getStatus()).allMatch(s -> s.startsWith("Up "));

      client.killContainerCmd(sleeper).exec();
      assertThat(client.waitContainerCmd(sleeper).start().awaitStatusCode(30, TimeUnit.SECONDS)).isEqualTo(137);
      client.stopContainerCmd(polite).withTimeout(60).exec();
      var stopped = client.inspectContainerCmd(polite).exec().getState();
      assertThat(stopped.getRunning()).isFalse();
      assertThat(stopped.getExitCodeLong()).isZero();

      client.restartContainerCmd(polite).withTimeout(1).exec();
      assertThat(client.inspectContainerCmd(polite).exec().getState().getRunning()).isTrue();

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.removeContainerCmd(polite).exec())
          .isInstanceOf(com.github.dockerjava.api.exception.ConflictException.class)
          .hasMessageContaining("You cannot remove a running container");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.startContainerCmd(polite).exec())
          .isInstanceOf(com.github.dockerjava.api.exception.NotModifiedException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.inspectContainerCmd("no-such-container").exec())
          .isInstanceOf(com.github.dockerjava.api.exception.NotFoundException.class)
          .hasMessageContaining("No such container: no-such-container");
    } finally {
      client.removeContainerCmd(sleeper).withForce(true).exec();
      client.removeContainerCmd(polite).withForce(true).exec();
    }
  }

  @Test
  void logsCarryBinaryOutputByteForByte() throws Exception {
    String id = client.createContainerCmd("busybox").withCmd("printf", "\\377\\376A\\n\\001").exec().getId();
    try {
      client.startContainerCmd(id).exec();
      assertThat(client.waitContainerCmd(id).start().awaitStatusCode(30, TimeUnit.SECONDS)).isZero();
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      client.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
        @Override
        public void onNext(Frame frame) {
          bytes.writeBytes(frame.getPayload());
        }
      }).awaitCompletion(30, TimeUnit.SECONDS);
      assertThat(bytes.toByteArray()).containsExactly(0xff, 0xfe, 'A', '\n', 1);
    } finally {
      client.removeContainerCmd(id).withForce(true).exec();
    }
  }
}
