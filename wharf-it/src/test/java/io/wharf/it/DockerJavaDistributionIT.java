package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthResponse;
import io.wharf.registry.server.RegistryOptions;
import io.wharf.registry.server.RegistryServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-java (Testcontainers' client) logging in, pushing and pulling through wharfd, with
 * Wharf's registry behind basic auth on 127.0.0.1.
 */
class DockerJavaDistributionIT {
  private static WharfDaemonProcess daemon;
  private static DockerClient client;
  private static RegistryServer registry;
  private static String host;
  @TempDir static Path work;

  @BeforeAll
  static void start() throws Exception {
    Path htpasswd = work.resolve("htpasswd");
    Files.writeString(htpasswd, "dj:" + org.mindrot.jbcrypt.BCrypt.hashpw("pw", org.mindrot.jbcrypt.BCrypt.gensalt(4))
        + "\n");
    registry = RegistryServer.start(new RegistryOptions(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        Files.createDirectories(work.resolve("registry")), htpasswd, null, null));
    host = "127.0.0.1:" + registry.address().getPort();
    daemon = WharfDaemonProcess.start();
    new DockerCli(daemon.host(), Files.createDirectories(work.resolve("cli-config"))).importBusybox(work,
        host + "/dj/busybox:1");
    client = DockerJava.connect(daemon, work.resolve("docker-config"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    for (AutoCloseable c : new AutoCloseable[] {daemon, registry}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static AuthConfig auth(String password) {
    return new AuthConfig().withUsername("dj").withPassword(password).withRegistryAddress(host);
  }

  @Test
  void authPushRemovePullAndRun() throws Exception {
    assertThatThrownBy(() -> client.authCmd().withAuthConfig(auth("wrong")).exec())
        .hasMessageContaining("unauthorized");
    AuthResponse login = client.authCmd().withAuthConfig(auth("pw")).exec();
    assertThat(login.getStatus()).isEqualTo("Login Succeeded");

    String repo = host + "/dj/busybox";
    client.pushImageCmd(repo).withTag("1").withAuthConfig(auth("pw")).start().awaitCompletion(60, TimeUnit.SECONDS);
    String pushedId = client.inspectImageCmd(repo + ":1").exec().getId();
    assertThat(client.inspectImageCmd(repo + ":1").exec().getRepoDigests()).singleElement().asString()
        .startsWith(repo + "@sha256:");

    client.removeImageCmd(repo + ":1").exec();
    assertThat(client.listImagesCmd().exec()).isEmpty();

    client.pullImageCmd(repo).withTag("1").withAuthConfig(auth("pw")).exec(new PullImageResultCallback())
        .awaitCompletion(60, TimeUnit.SECONDS);
    assertThat(client.inspectImageCmd(repo + ":1").exec().getId()).isEqualTo(pushedId);

    var container = client.createContainerCmd(repo + ":1").withCmd("echo", "pulled by docker-java").exec();
    client.startContainerCmd(container.getId()).exec();
    assertThat(client.waitContainerCmd(container.getId()).start().awaitStatusCode(30, TimeUnit.SECONDS)).isZero();
    client.removeContainerCmd(container.getId()).exec();
  }

  @Test
  void aPullOfAMissingTagFailsTheCallback() {
    assertThatThrownBy(() -> client.pullImageCmd(host + "/dj/busybox").withTag("nosuch").withAuthConfig(auth("pw"))
        .exec(new PullImageResultCallback()).awaitCompletion(60, TimeUnit.SECONDS))
        .hasMessageContaining("manifest unknown");
  }
}
