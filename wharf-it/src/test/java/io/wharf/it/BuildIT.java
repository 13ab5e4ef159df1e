package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker build} through the real docker CLI (classic builder, with
 * {@code DOCKER_BUILDKIT=0} and without it) against wharfd: a multi-stage Dockerfile with most
 * instructions, the layer cache (unchanged rebuild, a changed source, a restart), targets,
 * build args, quiet builds and the failures a user meets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuildIT {
  private static final Map<String, String> CLASSIC = Map.of("DOCKER_BUILDKIT", "0");
  private static final String DOCKERFILE = """
      # syntax=docker/dockerfile:1
      ARG BASE=busybox
      FROM ${BASE} AS builder
      ARG GREETING=hello
      ENV APP_HOME=/src \\
          MODE=build
      WORKDIR $APP_HOME
      COPY app/ ./
      ADD vendor.tar.gz /vendor/
      RUN echo "$GREETING from $(cat message.txt)" > /out.txt \\
       && ls -a /src > /src-list.txt && ls /vendor > /vendor-list.txt

      FROM busybox AS final
      LABEL org.example.stage=final maintainer="Wharf tests"
      COPY --from=builder /out.txt /src-list.txt /vendor-list.txt /app/
      RUN echo "app:x:1000:1000::/app:/bin/sh" >> /etc/passwd
      USER app
      EXPOSE 8080 9000/udp
      HEALTHCHECK --interval=5s --retries=2 CMD test -f /app/out.txt
      WORKDIR /app
      ENTRYPOINT ["cat"]
      CMD ["/app/out.txt"]
      """;

  private static WharfDaemonProcess daemon;
  private static DockerCli docker;
  @TempDir static Path work;
  private static Path project;

  @BeforeAll
  static void startDaemon() throws Exception {
    daemon = WharfDaemonProcess.start();
    docker = new DockerCli(daemon.host(), Files.createDirectories(work.resolve("docker-config")));
    docker.importBusybox(work, "busybox:latest");
    project = Files.createDirectories(work.resolve("project"));
    Files.writeString(project.resolve("Dockerfile"), DOCKERFILE);
    Files.writeString(project.resolve(".dockerignore"), "*.log\napp/secret*\n!app/secret-ok.txt\n");
    Files.createDirectories(project.resolve("app"));
    Files.writeString(project.resolve("app/message.txt"), "the context");
    Files.writeString(project.resolve("app/secret.key"), "never in the image");
    Files.writeString(project.resolve("app/secret-ok.txt"), "an exception");
    Files.writeString(project.resolve("debug.log"), "ignored");
    writeTarGz(project.resolve("vendor.tar.gz"), "lib-a.txt", "a", "lib-b.txt", "b");
  }

  @AfterEach
  void noContainerIsLeftBehind() throws Exception {
    assertThat(docker.run("ps", "-aq").stdout()).as("intermediate containers").isBlank();
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static CommandResult build(Map<String, String> env, Path dir, String... args) throws Exception {
    String[] full = new String[args.length + 1];
    full[0] = "build";
    System.arraycopy(args, 0, full, 1, args.length);
    return docker.runIn(dir, env, null, full);
  }

  private static CommandResult ok(CommandResult result) {
    assertThat(result.exitCode()).as("%s\nwharfd log:\n%s", result, daemon.log()).isZero();
    return result;
  }

  private static String imageId(String name) throws Exception {
    return ok(docker.run("image", "inspect", "--format", "{{.Id}}", name)).stdout().strip();
  }

  private static int count(String text, String needle) {
    return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
  }

  @Test
  @Order(1)
  void multiStageBuildRunsAndPrintsWhatItShould() throws Exception {
    CommandResult built = ok(build(CLASSIC, project, "-t", "multi:1", "-t", "multi:latest", "."));
    String out = built.stdout();
    assertThat(out).contains("Step 1/18 : ARG BASE=busybox").contains("Step 2/18 : FROM ${BASE} AS builder")
        .contains(" ---> Running in ").contains(" ---> Removed intermediate container ")
        .contains("Successfully tagged multi:1").contains("Successfully tagged multi:latest")
        .doesNotContain("Using cache");
    assertThat(out).containsPattern("Successfully built [0-9a-f]{12}");

    assertThat(ok(docker.run("run", "--rm", "multi:1")).stdout()).isEqualTo("hello from the context\n");
    String files = ok(docker.run("run", "--rm", "multi:1", "/app/src-list.txt")).stdout();
    assertThat(files).contains("message.txt").contains("secret-ok.txt").doesNotContain("secret.key");
    assertThat(ok(docker.run("run", "--rm", "multi:1", "/app/vendor-list.txt")).stdout())
        .isEqualTo("lib-a.txt\nlib-b.txt\n");
    assertThat(ok(docker.run("run", "--rm", "--entrypoint", "id", "multi:1")).stdout()).startsWith("uid=1000(app)");
  }

  @Test
  @Order(2)
  void imageConfigIsWhatTheDockerfileSays() throws Exception {
    JsonNode config = Json.MAPPER.readTree(ok(docker.run("image", "inspect", "--format", "{{json .Config}}",
        "multi:1")).stdout());
    assertThat(config.path("User").asText()).isEqualTo("app");
    assertThat(config.path("WorkingDir").asText()).isEqualTo("/app");
    assertThat(config.path("Entrypoint").toString()).isEqualTo("[\"cat\"]");
    assertThat(config.path("Cmd").toString()).isEqualTo("[\"/app/out.txt\"]");
    assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.path("ExposedPorts").has("9000/udp")).isTrue();
    assertThat(config.path("Labels").path("org.example.stage").asText()).isEqualTo("final");
    assertThat(config.path("Labels").path("maintainer").asText()).isEqualTo("Wharf tests");
    assertThat(config.path("Healthcheck").path("Test").toString())
        .isEqualTo("[\"CMD-SHELL\",\"test -f /app/out.txt\"]");
    assertThat(config.path("Healthcheck").path("Interval").asLong()).isEqualTo(5_000_000_000L);
    assertThat(config.path("Healthcheck").path("Retries").asInt()).isEqualTo(2);
    assertThat(config.path("Env").toString()).doesNotContain("MODE=build"); // the builder stage's, not this one's

    String history = ok(docker.run("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Size}}", "multi:1"))
        .stdout();
    assertThat(history).contains("#(nop)  CMD [\"/app/out.txt\"]|0B").contains("echo \"app:x:1000");
  }

  @Test
  @Order(3)
  void unchangedRebuildTakesEveryStepFromTheCache() throws Exception {
    String before = imageId("multi:1");
    CommandResult again = ok(build(CLASSIC, project, "-t", "multi:1", "."));
    // 18 steps: 1 meta ARG and 2 FROMs print no cache line
    assertThat(count(again.stdout(), " ---> Using cache")).as(again.stdout()).isEqualTo(15);
    assertThat(again.stdout()).doesNotContain("Running in");
    assertThat(imageId("multi:1")).isEqualTo(before);
    String df = ok(docker.run("system", "df", "--format", "{{.Type}}={{.TotalCount}}")).stdout();
    assertThat(df).containsPattern("Build Cache=(1[5-9]|[2-9][0-9])");
  }

  @Test
  @Order(4)
  void changedSourceReRunsOnlyFromItsCopy() throws Exception {
    Files.writeString(project.resolve("app/message.txt"), "a changed file");
    CommandResult rebuilt = ok(build(CLASSIC, project, "-t", "multi:2", "."));
    String out = rebuilt.stdout();
    // ARG GREETING, ENV and WORKDIR come from the cache; from COPY app/ on, the builder stage runs again
    String beforeCopy = out.substring(0, out.indexOf("COPY app/ ./"));
    assertThat(count(beforeCopy, " ---> Using cache")).isEqualTo(3);
    String builderRest = out.substring(out.indexOf("COPY app/ ./"), out.indexOf("FROM busybox AS final"));
    assertThat(builderRest).doesNotContain("Using cache").contains("Running in");
    // the final stage: LABEL from cache, the COPY --from sees new content
    assertThat(ok(docker.run("run", "--rm", "multi:2")).stdout()).isEqualTo("hello from a changed file\n");
    assertThat(imageId("multi:2")).isNotEqualTo(imageId("multi:1"));
  }

  @Test
  @Order(5)
  void targetBuildsAMiddleStageAndBuildArgsReachRun() throws Exception {
    CommandResult built = ok(build(CLASSIC, project, "--target", "builder", "--build-arg", "GREETING=hi",
        "-t", "stage:builder", "."));
    assertThat(built.stdout()).doesNotContain("AS final");
    assertThat(ok(docker.run("run", "--rm", "stage:builder", "cat", "/out.txt")).stdout())
        .isEqualTo("hi from a changed file\n");
    assertThat(ok(docker.run("run", "--rm", "stage:builder", "sh", "-c", "echo $MODE $APP_HOME; pwd")).stdout())
        .isEqualTo("build /src\n/src\n");
  }

  @Test
  @Order(6)
  void quietBuildPrintsOnlyTheIdAndIidfileGetsIt() throws Exception {
    Path iid = work.resolve("iid.txt");
    CommandResult quiet = ok(build(CLASSIC, project, "-q", "--iidfile", iid.toString(), "-t", "multi:q", "."));
    assertThat(quiet.stdout().strip()).matches("sha256:[0-9a-f]{64}");
    assertThat(Files.readString(iid).strip()).isEqualTo(quiet.stdout().strip()).isEqualTo(imageId("multi:q"));
  }

  @Test
  @Order(7)
  void buildWithoutTheBuildkitVariableUsesTheClassicBuilderToo() throws Exception {
    Path dir = Files.createDirectories(work.resolve("plain"));
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUN echo plain > /p\nCMD [\"cat\", \"/p\"]\n");
    ok(build(Map.of(), dir, "-t", "plain:1", "."));
    assertThat(ok(docker.run("run", "--rm", "plain:1")).stdout()).isEqualTo("plain\n");
  }

  @Test
  @Order(8)
  void misspeltInstructionFailsWithItsName() throws Exception {
    Path dir = Files.createDirectories(work.resolve("misspelt"));
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUNN echo hi\n");
    CommandResult failed = build(CLASSIC, dir, "-t", "misspelt:1", ".");
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.stderr()).contains("line 2").contains("unknown instruction: RUNN");
    assertThat(docker.run("image", "inspect", "misspelt:1").exitCode()).isNotZero();
  }

  @Test
  @Order(9)
  void failingRunStopsTheBuildWithItsExitCodeAndTagsNothing() throws Exception {
    Path dir = Files.createDirectories(work.resolve("failing"));
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUN echo about to fail && exit 3\nRUN echo never\n");
    CommandResult failed = build(CLASSIC, dir, "-t", "failing:1", ".");
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(3);
    assertThat(failed.stdout()).contains("about to fail").doesNotContain("never");
    assertThat(failed.stderr()).contains("The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3");
    assertThat(docker.run("image", "inspect", "failing:1").exitCode()).isNotZero();
  }

  @Test
  @Order(10)
  void copyOfAMissingSourceNamesIt() throws Exception {
    Path dir = Files.createDirectories(work.resolve("missing"));
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nCOPY nosuch.txt /\n");
    CommandResult failed = build(CLASSIC, dir, ".");
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.stderr()).contains("Dockerfile:2").contains("nosuch.txt");
  }

  @Test
  @Order(11)
  void cacheSurvivesARestartAndBuilderPruneEmptiesIt() throws Exception {
    daemon.stop();
    daemon = WharfDaemonProcess.startIn(daemon.base());
    CommandResult again = ok(build(CLASSIC, project, "-t", "multi:2", "."));
    assertThat(again.stdout()).doesNotContain("Running in");

    CommandResult pruned = ok(docker.run("builder", "prune", "-a", "-f"));
    assertThat(pruned.stdout()).contains("Total reclaimed space:");
    CommandResult cold = ok(build(CLASSIC, project, "-t", "multi:3", "."));
    assertThat(cold.stdout()).doesNotContain("Using cache").contains("Running in");
    assertThat(ok(docker.run("run", "--rm", "multi:3")).stdout()).isEqualTo("hello from a changed file\n");
  }

  @Test
  @Order(12)
  void daemonKilledMidBuildRestartsWithoutTheBuildsLeftovers() throws Exception {
    Path dir = Files.createDirectories(work.resolve("killed"));
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nCOPY . /x\nRUN echo started && sleep 120\n");
    Process build = docker.start(dir, CLASSIC, null, "build", "-t", "killed:1", ".");
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(build.getInputStream()))) {
      String line;
      while ((line = lines.readLine()) != null && !line.equals("started")) {
        // the RUN step's container is running once its output arrives
      }
      assertThat(line).isEqualTo("started");
      daemon.kill();
      build.waitFor();
    }
    daemon = WharfDaemonProcess.startIn(daemon.base());
    assertThat(docker.run("ps", "-aq").stdout()).isBlank();
    assertThat(docker.run("image", "inspect", "killed:1").exitCode()).isNotZero();
    Path data = daemon.dataRoot();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(data.resolve("build").toString());
    assertThat(!Files.exists(data.resolve("build")) || isEmpty(data.resolve("build"))).isTrue();
    try (var active = Files.list(data.resolve("snapshots/active"))) {
      assertThat(active.map(p -> p.getFileName().toString())).noneMatch(k -> k.startsWith("build-"));
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void writeTarGz(Path file, String... namesAndContents) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(raw))) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        byte[] bytes = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(namesAndContents[i]);
        entry.setSize(bytes.length);
        entry.setMode(0100644);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
  }
}
