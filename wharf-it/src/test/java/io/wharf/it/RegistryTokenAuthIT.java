package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.server.RegistryOptions;
import io.wharf.registry.server.RegistryServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Bearer-token auth as Docker Hub does it, through the real docker CLI and wharfd: the registry
 * answers 401 with a {@code Bearer realm=…} challenge, wharfd fetches tokens from the test's token
 * server (with the login's Basic credentials, or anonymously) for the scopes it needs, and retries.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryTokenAuthIT extends PushPullDaemonsTest {
  private static RegistryServer backend;
  private static TokenRegistry registry;
  private static String repo;

  @BeforeAll
  static void start() throws Exception {
    backend = RegistryServer.start(RegistryOptions.plain(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Files.createDirectories(work.resolve("registry"))));
    registry = new TokenRegistry(URI.create("http://127.0.0.1:" + backend.address().getPort()), "wharf", "s3cret");
    repo = registry.host() + "/team/app";
    pushing.importBusybox(work, repo + ":1");
  }

  @AfterAll
  static void stopRegistries() throws Exception {
    closeAll(registry, backend);
  }

  @Test
  @Order(1)
  void anonymousPushIsDenied() throws Exception {
    CommandResult denied = pushing.run("push", repo + ":1");
    assertThat(denied.exitCode()).isEqualTo(1);
    assertThat(denied.stderr()).contains("denied");
    assertThat(registry.tokenRequests).anyMatch(r -> r.startsWith("anonymous ")
        && r.contains("scope=repository:team/app:pull,push") && r.contains("service=" + TokenRegistry.SERVICE));
  }

  @Test
  @Order(2)
  void wrongPasswordFailsLogin() throws Exception {
    CommandResult wrong = pushing.run("login", "-u", "wharf", "-p", "nope", registry.host());
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.stderr()).contains("unauthorized");
  }

  @Test
  @Order(3)
  void loginThenPushWithAToken() throws Exception {
    assertThat(ok(pushing, "login", "-u", "wharf", "-p", "s3cret", registry.host()).stdout())
        .contains("Login Succeeded");
    String out = ok(pushing, "push", repo + ":1").stdout();
    assertThat(out).contains("Pushed").containsPattern("1: digest: sha256:[0-9a-f]{64}");
    assertThat(registry.tokenRequests).anyMatch(r -> r.startsWith("wharf ") && r.contains("repository:team/app:pull,push"));
  }

  @Test
  @Order(4)
  void anonymousPullGetsAPullToken() throws Exception {
    String out = ok(pulling, "pull", repo + ":1").stdout();
    assertThat(out).contains("Status: Downloaded newer image for " + repo + ":1");
    assertThat(ok(pulling, "run", "--rm", repo + ":1", "echo", "token pulled").stdout()).isEqualTo("token pulled\n");
  }

  @Test
  @Order(5)
  void pushToAnotherRepositoryMountsItsLayerWithATokenForBoth() throws Exception {
    ok(pushing, "tag", repo + ":1", registry.host() + "/team/copy:1");
    String out = ok(pushing, "push", registry.host() + "/team/copy:1").stdout();
    assertThat(out).contains("Mounted from team/app");
    assertThat(registry.tokenRequests).anyMatch(r -> r.contains("repository:team/copy:pull,push")
        && r.contains("repository:team/app:pull"));
  }
}
