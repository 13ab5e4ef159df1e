package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wharf pull} and {@code push}: flags → request (query, X-Registry-Auth) and the output docker prints. */
class DistributionCommandsTest {
  private static final String PULL_STREAM = """
      {"status":"Pulling from library/busybox","id":"latest"}
      {"status":"Pulling fs layer","progressDetail":{},"id":"a46fbb00284b"}
      {"status":"Downloading","progressDetail":{"current":1024,"total":2048},"id":"a46fbb00284b"}
      {"status":"Download complete","progressDetail":{},"id":"a46fbb00284b"}
      {"status":"Pull complete","progressDetail":{},"id":"a46fbb00284b"}
      {"status":"Digest: sha256:5c3e4d4a7e2a4f8bcd8ab5ef0c4a9d8a2b1f3c5d6e7f8091a2b3c4d5e6f70819"}
      {"status":"Status: Downloaded newer image for busybox:latest"}
      """;

  @TempDir Path home;
  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon();
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  private Map<String, String> env() {
    return Map.of("DOCKER_CONFIG", home.toString(), "PATH", "/usr/bin:/bin");
  }

  private FakeDaemon.Result wharf(String... args) {
    return daemon.wharf(env(), "", args);
  }

  private static String decodedAuth(FakeDaemon.Request request) {
    return new String(Base64.getUrlDecoder().decode(request.header("X-Registry-Auth")), StandardCharsets.UTF_8);
  }

  private void storeConfig(String json) throws IOException {
    Files.writeString(home.resolve("config.json"), json);
  }

  @Test
  void pullWithoutATagAnnouncesLatestPrintsEachStatusChangeAndEndsWithTheFullReference() {
    daemon.answer(200, PULL_STREAM);

    FakeDaemon.Result result = wharf("pull", "busybox");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("""
        Using default tag: latest
        latest: Pulling from library/busybox
        a46fbb00284b: Pulling fs layer
        a46fbb00284b: Download complete
        a46fbb00284b: Pull complete
        Digest: sha256:5c3e4d4a7e2a4f8bcd8ab5ef0c4a9d8a2b1f3c5d6e7f8091a2b3c4d5e6f70819
        Status: Downloaded newer image for busybox:latest
        docker.io/library/busybox:latest
        """);
    FakeDaemon.Request request = daemon.request();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri()).isEqualTo("/v1.44/images/create?fromImage=docker.io%2Flibrary%2Fbusybox&tag=latest");
    assertThat(decodedAuth(request)).isEqualTo("{}");
  }

  @Test
  void pullQuietPrintsOnlyTheReference() {
    daemon.answer(200, PULL_STREAM);

    FakeDaemon.Result result = wharf("image", "pull", "-q", "--platform", "Linux/AMD64", "127.0.0.1:5000/team/app:1");

    assertThat(result.out()).isEqualTo("127.0.0.1:5000/team/app:1\n");
    assertThat(daemon.request().uri())
        .isEqualTo("/v1.44/images/create?fromImage=127.0.0.1%3A5000%2Fteam%2Fapp&tag=1&platform=linux%2Famd64");
  }

  @Test
  void pullAllTagsSendsNoTagAndRefusesATag() {
    daemon.answer(200, "{\"status\":\"Status: Downloaded newer image for busybox\"}\n");

    FakeDaemon.Result all = wharf("pull", "-a", "busybox");

    assertThat(all.out()).isEqualTo("Status: Downloaded newer image for busybox\ndocker.io/library/busybox\n");
    assertThat(daemon.request().uri()).isEqualTo("/v1.44/images/create?fromImage=docker.io%2Flibrary%2Fbusybox");
    FakeDaemon.Result tagged = wharf("pull", "--all-tags", "busybox:1");
    assertThat(tagged.code()).isEqualTo(1);
    assertThat(tagged.err()).isEqualTo("tag can't be used with --all-tags/-a\n");
    assertThat(daemon.requests().stream().filter(r -> r.uri().contains("/images/"))).hasSize(1);
  }

  @Test
  void pullByDigestSendsTheDigestAsTag() {
    daemon.answer(200, "");
    String digest = "sha256:" + "ab".repeat(32);

    FakeDaemon.Result result = wharf("pull", "busybox@" + digest);

    assertThat(result.out()).isEqualTo("docker.io/library/busybox@" + digest + "\n");
    assertThat(daemon.request().uri()).endsWith("&tag=sha256%3A" + "ab".repeat(32));
  }

  @Test
  void pullErrorDetailGoesToStderrWithExitOne() {
    daemon.answer(200, """
        {"status":"Pulling from library/nosuch","id":"latest"}
        {"errorDetail":{"message":"manifest for nosuch:latest not found: manifest unknown"},"error":"manifest for nosuch:latest not found: manifest unknown"}
        """);

    FakeDaemon.Result result = wharf("pull", "nosuch");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEqualTo("Using default tag: latest\nlatest: Pulling from library/nosuch\n");
    assertThat(result.err()).isEqualTo("manifest for nosuch:latest not found: manifest unknown\n");
  }

  @Test
  void pullOfABadReferenceIsRefusedBeforeAnyRequest() {
    FakeDaemon.Result result = wharf("pull", "busybox:bad:tag:");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("invalid reference format\n");
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void pullAndPushSendTheStoredCredentialsOfTheReferencesRegistry() throws IOException {
    storeConfig("""
        {"auths":{"127.0.0.1:5000":{"auth":"%s"},"https://index.docker.io/v1/":{"auth":"%s"}}}
        """.formatted(base64("alice:s3cret"), base64("hubuser:hubpass")));
    daemon.answer(200, "");

    wharf("pull", "127.0.0.1:5000/app:1");
    wharf("push", "127.0.0.1:5000/app:1");
    wharf("pull", "user/app");

    var sent = daemon.requests().stream().filter(r -> !r.uri().endsWith("/_ping")).toList();
    assertThat(sent).hasSize(3);
    assertThat(decodedAuth(sent.get(0)))
        .isEqualTo("{\"username\":\"alice\",\"password\":\"s3cret\",\"serveraddress\":\"127.0.0.1:5000\"}");
    assertThat(decodedAuth(sent.get(1))).isEqualTo(decodedAuth(sent.get(0)));
    assertThat(decodedAuth(sent.get(2)))
        .isEqualTo("{\"username\":\"hubuser\",\"password\":\"hubpass\",\"serveraddress\":\"https://index.docker.io/v1/\"}");
  }

  @Test
  void pushSendsTheFullNameInThePathAndTheTag() {
    daemon.answer(200, """
        {"status":"The push refers to repository [127.0.0.1:5000/app]"}
        {"status":"Preparing","progressDetail":{},"id":"d8b0b6e1f2a3"}
        {"status":"Pushing","progressDetail":{"current":512,"total":1024},"id":"d8b0b6e1f2a3"}
        {"status":"Pushed","progressDetail":{},"id":"d8b0b6e1f2a3"}
        {"status":"latest: digest: sha256:%s size: 527"}
        {"progressDetail":{},"aux":{"Tag":"latest","Digest":"sha256:%s","Size":527}}
        """.formatted("cd".repeat(32), "cd".repeat(32)));

    FakeDaemon.Result result = wharf("push", "127.0.0.1:5000/app");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("""
        Using default tag: latest
        The push refers to repository [127.0.0.1:5000/app]
        d8b0b6e1f2a3: Preparing
        d8b0b6e1f2a3: Pushed
        latest: digest: sha256:%s size: 527
        """.formatted("cd".repeat(32)));
    assertThat(daemon.request().uri()).isEqualTo("/v1.44/images/127.0.0.1:5000/app/push?tag=latest");
  }

  @Test
  void pushQuietPrintsTheReferenceAndAllTagsSendsNoTag() {
    daemon.answer(200, "{\"status\":\"The push refers to repository [docker.io/library/busybox]\"}\n");

    FakeDaemon.Result quiet = wharf("push", "-q", "busybox:1");
    FakeDaemon.Result all = wharf("image", "push", "--all-tags", "busybox");

    assertThat(quiet.out()).isEqualTo("docker.io/library/busybox:1\n");
    assertThat(all.out()).isEqualTo("The push refers to repository [docker.io/library/busybox]\n");
    var sent = daemon.requests().stream().filter(r -> !r.uri().endsWith("/_ping")).toList();
    assertThat(sent.get(0).uri()).isEqualTo("/v1.44/images/docker.io/library/busybox/push?tag=1");
    assertThat(sent.get(1).uri()).isEqualTo("/v1.44/images/docker.io/library/busybox/push");
  }

  @Test
  void pushRefusesADigestAndATagWithAllTags() {
    FakeDaemon.Result digest = wharf("push", "busybox@sha256:" + "ab".repeat(32));
    FakeDaemon.Result tagged = wharf("push", "-a", "busybox:1");

    assertThat(digest.code()).isEqualTo(1);
    assertThat(digest.err()).isEqualTo("cannot push a digest reference\n");
    assertThat(tagged.err()).isEqualTo("tag can't be used with --all-tags/-a\n");
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void pushAuthenticationFailureIsTheDaemonsMessage() {
    daemon.answer(200, "{\"errorDetail\":{\"code\":401,\"message\":\"unauthorized\"},\"error\":\"unauthorized\"}\n");

    FakeDaemon.Result result = wharf("push", "-q", "127.0.0.1:5000/app:1");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("unauthorized\n");
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
