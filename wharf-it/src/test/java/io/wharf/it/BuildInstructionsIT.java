package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.wharf.cli.Wharf;
import io.wharf.oci.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instructions {@link BuildIT} leaves out — ONBUILD, MAINTAINER, SHELL, heredocs, ADD of a
 * URL, COPY --chown/--chmod, VOLUME, STOPSIGNAL, HEALTHCHECK NONE — and builds through the
 * other clients: docker-java and the wharf CLI. The URL is served on 127.0.0.1 by the test.
 */
class BuildInstructionsIT {
  private static final Map<String, String> CLASSIC = Map.of("DOCKER_BUILDKIT", "0");

  private static WharfDaemonProcess daemon;
  private static DockerCli docker;
  private static HttpServer files;
  @TempDir static Path work;

  @BeforeAll
  static void start() throws Exception {
    daemon = WharfDaemonProcess.start();
    docker = new DockerCli(daemon.host(), Files.createDirectories(work.resolve("docker-config")));
    docker.importBusybox(work, "busybox:latest");
    files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    files.createContext("/remote.txt", exchange -> {
      byte[] body = "fetched over http\n".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    files.start();
  }

  @AfterEach
  void noContainerIsLeftBehind() throws Exception {
    assertThat(docker.run("ps", "-aq").stdout()).as("intermediate containers").isBlank();
  }

  @AfterAll
  static void stop() throws Exception {
    if (files != null) {
      files.stop(0);
    }
    if (daemon != null) {
      daemon.close();
    }
  }

  private static CommandResult ok(CommandResult result) {
    assertThat(result.exitCode()).as("%s\nwharfd log:\n%s", result, daemon.log()).isZero();
    return result;
  }

  private static Path project(String name, String dockerfile) throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    Files.writeString(dir.resolve("Dockerfile"), dockerfile);
    return dir;
  }

  private static JsonNode config(String image) throws Exception {
    return Json.MAPPER.readTree(ok(docker.run("image", "inspect", "--format", "{{json .Config}}", image)).stdout());
  }

  @Test
  void onbuildShellHeredocsUrlsOwnersAndConfigInstructions() throws Exception {
    Path base = project("onbuild-base", """
        FROM busybox
        MAINTAINER Wharf Tests <tests@wharf.invalid>
        ONBUILD RUN echo triggered > /onbuild.txt
        """);
    ok(docker.runIn(base, CLASSIC, null, "build", "-t", "onbuild-base", "."));
    assertThat(config("onbuild-base").path("OnBuild").toString()).isEqualTo("[\"RUN echo triggered > /onbuild.txt\"]");
    assertThat(ok(docker.run("image", "inspect", "--format", "{{.Author}}", "onbuild-base")).stdout().strip())
        .isEqualTo("Wharf Tests <tests@wharf.invalid>");

    int port = files.getAddress().getPort();
    Path child = project("child", """
        FROM onbuild-base
        SHELL ["/bin/sh", "-ec"]
        RUN <<EOF
        echo heredoc-line-1 > /heredoc.txt
        echo heredoc-line-2 >> /heredoc.txt
        EOF
        ARG NAME=wharf
        COPY <<EOF /etc/greeting.txt
        hello ${NAME}
        EOF
        ADD http://127.0.0.1:%d/remote.txt /downloads/
        COPY --chown=nobody:nogroup --chmod=640 owned.txt /owned.txt
        VOLUME /data
        STOPSIGNAL SIGINT
        HEALTHCHECK NONE
        CMD cat /onbuild.txt /heredoc.txt /etc/greeting.txt /downloads/remote.txt; stat -c '%%U:%%G %%a' /owned.txt
        """.formatted(port));
    Files.writeString(child.resolve("owned.txt"), "mine\n");
    CommandResult built = ok(docker.runIn(child, CLASSIC, null, "build", "-t", "child:1", "."));
    assertThat(built.stdout()).contains("# Executing 1 build trigger");

    assertThat(ok(docker.run("run", "--rm", "child:1")).stdout()).isEqualTo("""
        triggered
        heredoc-line-1
        heredoc-line-2
        hello wharf
        fetched over http
        nobody:nogroup 640
        """);
    JsonNode config = config("child:1");
    assertThat(config.path("OnBuild").isNull() || config.path("OnBuild").isEmpty()).isTrue();
    assertThat(config.path("Shell").toString()).isEqualTo("[\"/bin/sh\",\"-ec\"]");
    assertThat(config.path("Cmd").get(0).asText()).isEqualTo("/bin/sh");
    assertThat(config.path("Cmd").get(1).asText()).isEqualTo("-ec");
    assertThat(config.path("Volumes").has("/data")).isTrue();
    assertThat(config.path("StopSignal").asText()).isEqualTo("SIGINT");
    assertThat(config.path("Healthcheck").path("Test").toString()).isEqualTo("[\"NONE\"]");
    assertThat(ok(docker.run("image", "inspect", "--format", "{{.Author}}", "child:1")).stdout().strip())
        .isEqualTo("Wharf Tests <tests@wharf.invalid>");
  }

  @Test
  void ignoredDockerfileAndDockerignoreStillBuildButStayOutOfTheContext() throws Exception {
    Path dir = project("ignored", "FROM busybox\nCOPY . /ctx/\nCMD [\"ls\", \"-a\", \"/ctx\"]\n");
    Files.writeString(dir.resolve(".dockerignore"), "Dockerfile\n.dockerignore\n");
    Files.writeString(dir.resolve("kept.txt"), "kept");
    ok(docker.runIn(dir, CLASSIC, null, "build", "-t", "ignored:1", "."));
    assertThat(ok(docker.run("run", "--rm", "ignored:1")).stdout()).isEqualTo(".\n..\nkept.txt\n");
  }

  @Test
  void dockerJavaBuildsAndSeesFailures() throws Exception {
    try (DockerClient client = DockerJava.connect(daemon, work.resolve("docker-java-config"))) {
      Path dir = project("docker-java", "FROM busybox\nRUN echo from docker-java > /dj.txt\nCMD [\"cat\", \"/dj.txt\"]\n");
      String id = client.buildImageCmd(dir.toFile()).withTags(Set.of("dj:1"))
          .exec(new BuildImageResultCallback()).awaitImageId();
      assertThat(client.inspectImageCmd("dj:1").exec().getId()).startsWith("sha256:" + id.replace("sha256:", ""));
      assertThat(ok(docker.run("run", "--rm", "dj:1")).stdout()).isEqualTo("from docker-java\n");

      Path failing = project("docker-java-failing", "FROM busybox\nRUN exit 5\n");
      assertThatThrownBy(() -> client.buildImageCmd(failing.toFile()).exec(new BuildImageResultCallback())
          .awaitImageId()).isInstanceOf(DockerClientException.class).hasMessageContaining("non-zero code: 5");
    }
  }

  @Test
  void wharfCliBuildsWithTheSameFlags() throws Exception {
    Path dir = project("wharf-cli", "FROM busybox\nARG WHO=nobody\nRUN echo built by $WHO > /who.txt\n"
        + "CMD [\"cat\", \"/who.txt\"]\n");
    Path iid = work.resolve("wharf-cli.iid");
    CommandResult built = wharf("build", "-t", "wcli:1", "--build-arg", "WHO=wharf", "--iidfile", iid.toString(),
        dir.toString());
    assertThat(built.exitCode()).as(built.toString()).isZero();
    assertThat(built.stdout()).contains("Step 3/4 : RUN echo built by $WHO").contains("Successfully tagged wcli:1");
    assertThat(Files.readString(iid)).matches("sha256:[0-9a-f]{64}");
    assertThat(ok(docker.run("run", "--rm", "wcli:1")).stdout()).isEqualTo("built by wharf\n");

    Path failing = project("wharf-cli-failing", "FROM busybox\nRUN exit 4\n");
    CommandResult failed = wharf("build", failing.toString());
    assertThat(failed.exitCode()).isEqualTo(4);
    assertThat(failed.stderr()).contains("returned a non-zero code: 4");
  }

  private static CommandResult wharf(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] withHost = new String[args.length + 2];
    withHost[0] = "-H";
    withHost[1] = daemon.host();
    System.arraycopy(args, 0, withHost, 2, args.length);
    int code = Wharf.run(withHost, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), Map.of());
    return new CommandResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
