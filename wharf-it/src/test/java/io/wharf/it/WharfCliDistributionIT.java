package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.cli.Wharf;
import io.wharf.registry.server.RegistryOptions;
import io.wharf.registry.server.RegistryServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

/**
 * {@code wharf login}, {@code push}, {@code pull} and {@code logout} against two wharfds of
 * their own, with Wharf's registry server on 127.0.0.1 behind basic auth in between: the
 * credentials {@code login} keeps in a private {@code DOCKER_CONFIG} travel to each daemon in
 * {@code X-Registry-Auth}; one daemon pushes, the other, with an empty store, pulls.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WharfCliDistributionIT {
  private static RegistryServer registry;
  private static WharfDaemonProcess pusher;
  private static WharfDaemonProcess puller;
  private static String host;
  private static String repo;
  @TempDir static Path work;

  @BeforeAll
  static void start() throws Exception {
    Path htpasswd = work.resolve("htpasswd");
    Files.writeString(htpasswd, "wharf:" + BCrypt.hashpw("s3cret", BCrypt.gensalt(4)) + "\n");
    registry = RegistryServer.start(new RegistryOptions(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        Files.createDirectories(work.resolve("registry")), htpasswd, null, null));
    host = "127.0.0.1:" + registry.address().getPort();
    repo = host + "/it/busybox";
    pusher = WharfDaemonProcess.start();
    puller = WharfDaemonProcess.start();
    Path rootfs = RootfsFixture.busybox(work.resolve("busybox.tar"));
    ok(pusher, "", "import", "-c", "CMD [\"sh\"]", rootfs.toString(), repo + ":1");
    ok(pusher, "", "tag", repo + ":1", repo + ":2");
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {pusher, puller, registry}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** {@code wharf args} against {@code daemon}, with the test's own docker configuration. */
  private static CommandResult wharf(WharfDaemonProcess daemon, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] withHost = new String[args.length + 2];
    withHost[0] = "-H";
    withHost[1] = daemon.host();
    System.arraycopy(args, 0, withHost, 2, args.length);
    Map<String, String> env = Map.of("DOCKER_CONFIG", work.resolve("docker-config").toString(),
        "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    int code = Wharf.run(withHost, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env);
    return new CommandResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static CommandResult ok(WharfDaemonProcess daemon, String stdin, String... args) throws Exception {
    CommandResult result = wharf(daemon, stdin, args);
    assertThat(result.exitCode()).as("wharf %s\n%s\ndaemon log:\n%s", String.join(" ", args), result, daemon.log())
        .isZero();
    return result;
  }

  @Test
  @Order(1)
  void withoutLoginThePushIsRefused() {
    CommandResult refused = wharf(pusher, "", "push", repo + ":1");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.stderr()).isNotBlank();
  }

  @Test
  @Order(2)
  void loginChecksThePasswordAndKeepsItInTheDockerConfig() throws Exception {
    CommandResult wrong = wharf(pusher, "nope\n", "login", "-u", "wharf", "--password-stdin", host);
    assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
    assertThat(wrong.stderr()).startsWith("Error response from daemon: ");

    CommandResult login = ok(pusher, "s3cret\n", "login", "-u", "wharf", "--password-stdin", host);
    assertThat(login.stdout()).isEqualTo("Login Succeeded\n");
    assertThat(Files.readString(work.resolve("docker-config/config.json"))).contains("\"" + host + "\"",
        java.util.Base64.getEncoder().encodeToString("wharf:s3cret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @Order(3)
  void pushSendsTheImageWithTheStoredCredentials() throws Exception {
    CommandResult push = ok(pusher, "", "push", repo + ":1");
    assertThat(push.stdout()).startsWith("The push refers to repository [" + repo + "]\n").contains(": Pushed\n")
        .containsPattern("1: digest: sha256:[0-9a-f]{64} size: \\d+\n");
    assertThat(ok(pusher, "", "image", "push", "-q", repo + ":1").stdout()).isEqualTo(repo + ":1\n");
  }

  @Test
  @Order(4)
  void anotherDaemonPullsItQuietlyAndThenFindsItUpToDate() throws Exception {
    assertThat(ok(puller, "", "pull", "-q", repo + ":1").stdout()).isEqualTo(repo + ":1\n");
    CommandResult again = ok(puller, "", "pull", repo + ":1");
    assertThat(again.stdout()).endsWith("Status: Image is up to date for " + repo + ":1\n" + repo + ":1\n");
    String pushedId = ok(pusher, "", "image", "inspect", "-f", "{{.Id}}", repo + ":1").stdout();
    assertThat(ok(puller, "", "image", "inspect", "-f", "{{.Id}}", repo + ":1").stdout()).isEqualTo(pushedId);
  }

  @Test
  @Order(5)
  void allTagsPushAndPullEveryTag() throws Exception {
    CommandResult push = ok(pusher, "", "push", "-a", repo);
    assertThat(push.stdout()).doesNotContain("Using default tag").containsPattern("2: digest: sha256:[0-9a-f]{64}");
    CommandResult pull = ok(puller, "", "pull", "--all-tags", repo);
    assertThat(pull.stdout()).doesNotContain("Using default tag").endsWith("\n" + repo + "\n");
    assertThat(ok(puller, "", "images", "--format", "{{.Tag}}", repo).stdout().lines().sorted().toList())
        .containsExactly("1", "2");
  }

  @Test
  @Order(6)
  void afterLogoutThePullIsAnonymousAndRefused() throws Exception {
    CommandResult logout = ok(puller, "", "logout", host);
    assertThat(logout.stdout()).isEqualTo("Removing login credentials for " + host + "\n");
    assertThat(Files.readString(work.resolve("docker-config/config.json"))).doesNotContain(host);
    ok(puller, "", "rmi", repo + ":1");
    CommandResult refused = wharf(puller, "", "pull", repo + ":1");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.stderr()).isNotBlank();
  }
}
