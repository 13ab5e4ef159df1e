package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.server.RegistryOptions;
import io.wharf.registry.server.RegistryServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Push and pull through the real docker CLI against wharfd, with Wharf's registry server on
 * 127.0.0.1 in between: one daemon pushes, a second one with an empty store pulls and runs the
 * image; a registry with basic auth takes {@code docker login}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributionIT extends PushPullDaemonsTest {
  private static RegistryServer registry;
  private static RegistryServer locked;
  private static String repo;

  @BeforeAll
  static void start() throws Exception {
    registry = RegistryServer.start(RegistryOptions.plain(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Files.createDirectories(work.resolve("registry"))));
    repo = "127.0.0.1:" + registry.address().getPort() + "/it/busybox";
    pushing.importBusybox(work, repo + ":1");
  }

  @AfterAll
  static void stopRegistries() throws Exception {
    closeAll(registry, locked);
  }

  @Test
  @Order(1)
  void pushSendsTheImageAndPrintsItsDigest() throws Exception {
    String out = ok(pushing, "push", repo + ":1").stdout();
    assertThat(out).contains("The push refers to repository [" + repo + "]").contains("Pushed")
        .containsPattern("1: digest: sha256:[0-9a-f]{64} size: \\d+");
    assertThat(ok(pushing, "push", repo + ":1").stdout()).contains("Layer already exists");
  }

  @Test
  @Order(2)
  void anotherDaemonPullsAndRunsIt() throws Exception {
    String out = ok(pulling, "pull", repo + ":1").stdout();
    assertThat(out).contains("Pull complete").containsPattern("Digest: sha256:[0-9a-f]{64}")
        .contains("Status: Downloaded newer image for " + repo + ":1");
    assertThat(ok(pulling, "run", "--rm", repo + ":1", "echo", "pulled and running").stdout())
        .isEqualTo("pulled and running\n");
    String pushedId = ok(pushing, "image", "inspect", "-f", "{{.Id}}", repo + ":1").stdout().strip();
    assertThat(ok(pulling, "image", "inspect", "-f", "{{.Id}}", repo + ":1").stdout().strip()).isEqualTo(pushedId);
    assertThat(ok(pulling, "images", "--digests", "--format", "{{.Digest}}", repo).stdout().strip())
        .matches("sha256:[0-9a-f]{64}");
    assertThat(ok(pulling, "pull", repo + ":1").stdout()).contains("Status: Image is up to date for " + repo + ":1");
  }

  @Test
  @Order(3)
  void aMissingImageIsReportedAsDockerDoes() throws Exception {
    CommandResult missing = pulling.run("pull", repo + ":nosuch");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("manifest unknown");
  }

  @Test
  @Order(4)
  void loginToARegistryWithBasicAuth() throws Exception {
    Path htpasswd = work.resolve("htpasswd");
    Files.writeString(htpasswd, "wharf:" + org.mindrot.jbcrypt.BCrypt.hashpw("s3cret", org.mindrot.jbcrypt.BCrypt.gensalt(4))
        + "\n");
    locked = RegistryServer.start(new RegistryOptions(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        Files.createDirectories(work.resolve("locked")), htpasswd, null, null));
    String host = "127.0.0.1:" + locked.address().getPort();
    ok(pushing, "tag", repo + ":1", host + "/private:1");
    CommandResult anonymous = pushing.run("push", host + "/private:1");
    assertThat(anonymous.exitCode()).isEqualTo(1);
    assertThat(anonymous.stderr()).contains("no basic auth credentials");
    CommandResult wrong = pushing.run("login", "-u", "wharf", "-p", "nope", host);
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(ok(pushing, "login", "-u", "wharf", "-p", "s3cret", host).stdout()).contains("Login Succeeded");
    assertThat(ok(pushing, "push", host + "/private:1").stdout()).contains("digest: sha256:");
  }

  @Test
  @Order(5)
  void pushAllTagsThenPullAllTags() throws Exception {
    ok(pushing, "tag", repo + ":1", repo + ":2");
    String out = ok(pushing, "push", "--all-tags", repo).stdout();
    assertThat(out).containsOnlyOnce("The push refers to repository [" + repo + "]")
        .containsPattern("(?m)^1: digest: sha256:").containsPattern("(?m)^2: digest: sha256:");
    String pulled = ok(pulling, "pull", "--all-tags", repo).stdout();
    assertThat(pulled).contains("1: Pulling from " + repo).contains("2: Pulling from " + repo)
        .contains("Status: Downloaded newer image for " + repo); // tag 2 is new there
    assertThat(ok(pulling, "images", "--format", "{{.Tag}}", repo).stdout().lines().sorted().toList())
        .containsExactly("1", "2");
  }

  @Test
  @Order(6)
  void aMultiPlatformIndexGivesTheAmd64ImageWithItsZstdLayerOrTheOneAskedFor() throws Exception {
    RegistryHttp http = new RegistryHttp("http://127.0.0.1:" + registry.address().getPort(), "it/busybox");
    String index = http.multiPlatformIndex("1");
    http.putManifest("multi", index, "application/vnd.oci.image.index.v1+json");
    ok(pulling, "rmi", repo + ":1", repo + ":2"); // so that the zstd layer is fetched and unpacked

    String out = ok(pulling, "pull", repo + ":multi").stdout();
    assertThat(out).contains("Pull complete").contains("Status: Downloaded newer image for " + repo + ":multi");
    assertThat(ok(pulling, "image", "inspect", "-f", "{{.Architecture}}", repo + ":multi").stdout().strip())
        .isEqualTo("amd64");
    assertThat(ok(pulling, "run", "--rm", repo + ":multi", "echo", "from zstd").stdout()).isEqualTo("from zstd\n");

    ok(pulling, "pull", "--platform", "linux/arm64", repo + ":multi");
    assertThat(ok(pulling, "image", "inspect", "-f", "{{.Os}}/{{.Architecture}}", repo + ":multi").stdout().strip())
        .isEqualTo("linux/arm64");

    CommandResult none = pulling.run("pull", "--platform", "linux/s390x", repo + ":multi");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.stderr()).contains("no matching manifest for linux/s390x in the manifest list entries");
  }

  @Test
  @Order(7)
  void aBuildPullsABaseImageItDoesNotHave() throws Exception {
    ok(pushing, "tag", repo + ":1", repo + ":base");
    ok(pushing, "push", repo + ":base");
    Path context = Files.createDirectories(work.resolve("build-context"));
    Files.writeString(context.resolve("Dockerfile"), "FROM " + repo + ":base\nRUN echo built > /built\n");
    CommandResult build = pulling.runIn(context, java.util.Map.of("DOCKER_BUILDKIT", "0"), null,
        "build", "-t", "from-registry:1", ".");
    assertThat(build.exitCode()).as(build.toString()).isZero();
    assertThat(build.stdout()).contains("base: Pulling from " + repo)
        .contains("Status: Downloaded newer image for " + repo + ":base").contains("Successfully tagged from-registry:1");
    assertThat(ok(pulling, "run", "--rm", "from-registry:1", "cat", "/built").stdout()).isEqualTo("built\n");
  }
}
