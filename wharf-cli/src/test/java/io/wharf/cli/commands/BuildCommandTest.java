package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.cli.CliContext;
import io.wharf.cli.Wharf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCommandTest {
  private static final String BUILT = """
      {"stream":"Step 1/1 : FROM busybox"}
      {"stream":"\\n"}
      {"stream":" ---> 6458dff9a488\\n"}
      {"aux":{"ID":"sha256:6458dff9a488aaaa"}}
      {"stream":"Successfully built 6458dff9a488\\n"}
      {"stream":"Successfully tagged demo:1\\n"}
      """;

  @TempDir
  Path dir;

  /** The CLI's config.json directory: its own, not the machine's ~/.docker. */
  @TempDir
  Path configDir;

  private FakeDaemon daemon;
  private final Map<String, String> env = new HashMap<>();
  private byte[] stdin = new byte[0];

  record Result(int code, String out, String err) {}

  @BeforeEach
  void startDaemon() throws IOException {
    daemon = new FakeDaemon();
    env.put("DOCKER_CONFIG", configDir.toString());
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\n");
    Files.writeString(dir.resolve("hello.txt"), "hello\n");
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  @Test
  void buildSendsTheDirectoryAsATarAndPrintsTheStream() throws Exception {
    daemon.answer(200, BUILT);

    Result result = wharf("build", "-t", "demo:1", dir.toString());

    assertThat(result.code()).isZero();
    assertThat(result.out()).matches("(?s)Sending build context to Docker daemon {2}\\d\\.\\d{3}kB\r\r\n"
        + "Step 1/1 : FROM busybox\n ---> 6458dff9a488\nSuccessfully built 6458dff9a488\nSuccessfully tagged demo:1\n");
    FakeDaemon.Request request = daemon.request();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(decoded(request.uri())).isEqualTo("/v1.44/build?dockerfile=Dockerfile&t=demo:1&version=1");
    assertThat(request.contentType()).isEqualTo("application/x-tar");
    assertThat(names(request.body())).containsExactly("Dockerfile", "hello.txt");
    assertThat(result.out()).contains(io.wharf.cli.format.Units.humanSize4(request.body().length));
  }

  @Test
  void aFailedStepExitsWithTheCodeOfItsErrorDetail() {
    daemon.answer(200, """
        {"stream":"Step 1/1 : RUN exit 3\\n"}
        {"errorDetail":{"code":3,"message":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"},"error":"x"}
        """);

    Result result = wharf("build", dir.toString());

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err()).isEqualTo("The command '/bin/sh -c exit 3' returned a non-zero code: 3\n");
    assertThat(result.out()).endsWith("Step 1/1 : RUN exit 3\n");
  }

  @Test
  void anErrorDetailWithoutCodeExitsOne() {
    daemon.answer(200, "{\"errorDetail\":{\"message\":\"unknown instruction: FORM\"},\"error\":\"x\"}\n");

    Result result = wharf("build", dir.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("unknown instruction: FORM\n");
  }

  @Test
  void everyStoredLoginGoesAlongForBaseImagesAsDockerSendsIt() throws Exception {
    Files.writeString(Path.of(env.get("DOCKER_CONFIG")).resolve("config.json"), """
        {"auths": {"registry.example:5000": {"auth": "%s"}, "https://index.docker.io/v1/": {}}}
        """.formatted(java.util.Base64.getEncoder().encodeToString("me:pw".getBytes(StandardCharsets.UTF_8))));
    daemon.answer(200, BUILT);

    assertThat(wharf("build", "-q", dir.toString()).code()).isZero();

    String header = daemon.request().header("X-Registry-Config");
    assertThat(new String(java.util.Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8))
        .isEqualTo("{\"registry.example:5000\":{\"username\":\"me\",\"password\":\"pw\","
            + "\"serveraddress\":\"registry.example:5000\"}}");
  }

  @Test
  void iidfileGetsTheIdFromAuxWithoutANewlineAndAStaleOneGoesFirst() throws Exception {
    Path iid = dir.resolve("iid");
    Files.writeString(iid, "stale");
    daemon.answer(200, BUILT);

    assertThat(wharf("build", "--iidfile", iid.toString(), dir.toString()).code()).isZero();
    assertThat(Files.readString(iid)).isEqualTo("sha256:6458dff9a488aaaa");

    daemon.answer(200, "{\"errorDetail\":{\"code\":2,\"message\":\"boom\"}}\n");
    assertThat(wharf("build", "--iidfile", iid.toString(), dir.toString()).code()).isEqualTo(2);
    assertThat(iid).doesNotExist();
  }

  @Test
  void quietPrintsOnlyWhatTheDaemonSendsWhichDockerAlsoWritesToTheIidfile() throws Exception {
    Path iid = dir.resolve("iid");
    daemon.answer(200, "{\"aux\":{\"ID\":\"sha256:abc\"}}\n{\"stream\":\"sha256:abc\\n\"}\n");

    Result result = wharf("build", "-q", "--iidfile", iid.toString(), dir.toString());

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("sha256:abc\n");
    assertThat(result.err()).isEmpty();
    assertThat(decoded(daemon.request().uri())).contains("&q=1&");
    assertThat(Files.readString(iid)).isEqualTo("sha256:abc\n");
  }

  @Test
  void quietShowsTheHiddenOutputOnFailure() {
    daemon.answer(200, "{\"stream\":\"Step 1/1 : RUN false\\n\"}\n{\"errorDetail\":{\"code\":1,\"message\":\"failed\"}}\n");

    Result result = wharf("build", "-q", dir.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("Sending build context to Docker daemon").endsWith("Step 1/1 : RUN false\nfailed\n");
  }

  @Test
  void aDaemonErrorIsPrintedAsOtherCommandsPrintThem() {
    daemon.answer(400, "{\"message\":\"invalid platform\"}");

    Result result = wharf("build", dir.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("Error response from daemon: invalid platform\n");
  }

  @Test
  void aDockerfileOutsideTheContextTravelsUnderARandomName() throws Exception {
    Path context = Files.createDirectories(dir.resolve("ctx"));
    Files.writeString(context.resolve("data"), "d");
    daemon.answer(200, BUILT);

    assertThat(wharf("build", "-f", dir.resolve("Dockerfile").toString(), context.toString()).code()).isZero();

    String uri = decoded(daemon.request().uri());
    String name = uri.replaceAll(".*dockerfile=([^&]*).*", "$1");
    assertThat(name).matches("\\.dockerfile\\.[0-9a-f]{20}");
    assertThat(names(daemon.request().body())).containsExactly("data", name, ".dockerignore");
  }

  @Test
  void aDockerfileFromStdinGoesWithTheDirectory() throws Exception {
    stdin = "FROM scratch\n".getBytes(StandardCharsets.UTF_8);
    daemon.answer(200, BUILT);

    assertThat(wharf("build", "-f", "-", dir.toString()).code()).isZero();

    assertThat(names(daemon.request().body())).contains("Dockerfile", "hello.txt", ".dockerignore")
        .anyMatch(n -> n.startsWith(".dockerfile."));
  }

  @Test
  void aDockerfileOnStdinIsTheWholeContext() throws Exception {
    stdin = "FROM busybox\n".getBytes(StandardCharsets.UTF_8);
    daemon.answer(200, BUILT);

    assertThat(wharf("build", "-").code()).isZero();

    assertThat(decoded(daemon.request().uri())).isEqualTo("/v1.44/build?dockerfile=Dockerfile&version=1");
    assertThat(names(daemon.request().body())).containsExactly("Dockerfile");
  }

  @Test
  void compressGzipsTheContext() throws Exception {
    daemon.answer(200, BUILT);

    assertThat(wharf("build", "--compress", dir.toString()).code()).isZero();

    byte[] body = daemon.request().body();
    assertThat(body[0]).isEqualTo((byte) 0x1f);
    assertThat(names(new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes())).containsExactly("Dockerfile", "hello.txt");
  }

  @Test
  void aUrlContextIsLeftToTheDaemon() {
    daemon.answer(200, BUILT);

    assertThat(wharf("build", "-f", "docker/Dockerfile", "https://example.com/repo.git#main").code()).isZero();

    FakeDaemon.Request request = daemon.request();
    assertThat(decoded(request.uri()))
        .isEqualTo("/v1.44/build?dockerfile=docker/Dockerfile&remote=https://example.com/repo.git#main&version=1");
    assertThat(request.body()).isEmpty();
  }

  @Test
  void contextErrorsAreDockers() throws Exception {
    Result missing = wharf("build", "no-such-dir");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("unable to prepare context: path \"no-such-dir\" not found\n");

    Path empty = Files.createDirectories(dir.resolve("empty"));
    Result noDockerfile = wharf("build", empty.toString());
    assertThat(noDockerfile.code()).isEqualTo(1);
    assertThat(noDockerfile.err()).isEqualTo("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat "
        + empty.toRealPath().resolve("Dockerfile") + ": no such file or directory\n");

    Result bothStdin = wharf("build", "-f", "-", "-");
    assertThat(bothStdin.err()).isEqualTo("invalid argument: can't use stdin for both build context and dockerfile\n");
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void flagAndArgumentErrorsExitAsDockers() {
    Result badArg = wharf("build", "--build-arg", "=x", dir.toString());
    assertThat(badArg.code()).isEqualTo(125);
    assertThat(badArg.err()).isEqualTo("invalid argument \"=x\" for \"--build-arg\" flag: invalid environment variable: =x\n"
        + "See 'wharf build --help'.\n");

    Result badTag = wharf("build", "-t", "Demo", dir.toString());
    assertThat(badTag.code()).isEqualTo(125);
    assertThat(badTag.err()).startsWith("invalid argument \"Demo\" for \"-t, --tag\" flag: invalid reference format: "
        + "repository name (library/Demo) must be lowercase");

    Result noArgs = wharf("image", "build");
    assertThat(noArgs.code()).isEqualTo(1);
    assertThat(noArgs.err()).startsWith("\"wharf image build\" requires exactly 1 argument.");
  }

  @Test
  void theQueryCarriesWhatDiffersFromTheDaemonsDefaultsInGosOrder() {
    env.put("PROXY", "http://proxy");
    BuildCommand build = parsed("-t", "a", "-t", "b:2", "--build-arg", "X=1", "--build-arg", "PROXY",
        "--build-arg", "UNSET", "--label", "l=v", "--label", "k", "--target", "final", "--no-cache", "--pull",
        "--network", "host", "--platform", "Linux/AMD64", "--rm=false", "--force-rm", "--add-host", "db=[::1]",
        "--add-host", "gw:host-gateway", "--shm-size", "64m", "--cache-from", "x,y", "--cache-from", "z", "-m", "1g");

    Map<String, Object> query = build.query("Dockerfile", null);

    assertThat(query).containsExactly(
        Map.entry("buildargs", "{\"PROXY\":\"http://proxy\",\"UNSET\":null,\"X\":\"1\"}"),
        Map.entry("cachefrom", "[\"x\",\"y\",\"z\"]"),
        Map.entry("dockerfile", "Dockerfile"),
        Map.entry("extrahosts", List.of("db:::1", "gw:host-gateway")),
        Map.entry("forcerm", "1"),
        Map.entry("labels", "{\"k\":\"\",\"l\":\"v\"}"),
        Map.entry("memory", 1L << 30),
        Map.entry("networkmode", "host"),
        Map.entry("nocache", "1"),
        Map.entry("platform", "linux/amd64"),
        Map.entry("pull", "1"),
        Map.entry("rm", "0"),
        Map.entry("shmsize", 64L << 20),
        Map.entry("t", List.of("a", "b:2")),
        Map.entry("target", "final"),
        Map.entry("version", "1"));
  }

  @Test
  void defaultsSendOnlyTheBuilderVersionAndThePlatformComesFromTheEnvironment() {
    assertThat(parsed().query(null, null)).containsExactly(Map.entry("version", "1"));

    env.put("DOCKER_DEFAULT_PLATFORM", "linux/arm64");
    assertThat(parsed().query(null, null)).containsEntry("platform", "linux/arm64");
  }

  @Test
  void badFlagValuesAreRejectedInPflagsWords() {
    assertThatThrownBy(() -> parsed("--add-host", "nohost"))
        .hasMessage("invalid argument \"nohost\" for \"--add-host\" flag: bad format for add-host: \"nohost\"");
    assertThatThrownBy(() -> parsed("--add-host", "h:999.1.1.1"))
        .hasMessage("invalid argument \"h:999.1.1.1\" for \"--add-host\" flag: invalid IP address in add-host: \"999.1.1.1\"");
    assertThatThrownBy(() -> parsed("--label", " =x")).hasMessage("invalid argument \" =x\" for \"--label\" flag: invalid label ' =x': empty name");
    assertThatThrownBy(() -> parsed("--shm-size", "big")).hasMessage("invalid argument \"big\" for \"--shm-size\" flag: invalid size: 'big'");
    assertThatThrownBy(() -> parsed("-c", "x"))
        .hasMessage("invalid argument \"x\" for \"-c, --cpu-shares\" flag: strconv.ParseInt: parsing \"x\": invalid syntax");
  }

  private BuildCommand parsed(String... args) {
    BuildCommand build = new BuildCommand();
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    build.bind(new CliContext(sink, sink, new ByteArrayInputStream(new byte[0]), env, daemon.host(), false), "build");
    build.parse(args);
    build.checkFlags();
    return build;
  }

  private Result wharf(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] withHost = new String[args.length + 2];
    withHost[0] = "-H";
    withHost[1] = daemon.host();
    System.arraycopy(args, 0, withHost, 2, args.length);
    int code = Wharf.run(withHost, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(stdin), env);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String decoded(String uri) {
    return URLDecoder.decode(uri, StandardCharsets.UTF_8);
  }

  private static List<String> names(byte[] tar) throws IOException {
    List<String> names = new java.util.ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    return names;
  }
}
