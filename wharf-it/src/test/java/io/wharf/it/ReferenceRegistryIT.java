package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.server.RegistryOptions;
import io.wharf.registry.server.RegistryServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * wharfd pushes a two-layer image through the real docker CLI to the reference registry
 * (docker/distribution, Debian's docker-registry) and to Wharf's registry server, forgets it,
 * pulls it back from each and runs it: the same manifest digest as the push printed, the same
 * image ID as before, and the second layer's file in the container.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferenceRegistryIT {
  private static final Pattern PUSHED_DIGEST = Pattern.compile("1: digest: (sha256:[0-9a-f]{64}) size: \\d+");
  private static final String SOURCE = "it/two-layers:1";

  private static ReferenceRegistry reference;
  private static ReferenceRegistry locked;
  private static RegistryServer wharf;
  private static WharfDaemonProcess daemon;
  private static DockerCli docker;
  private static String imageId;
  private static String referenceDigest;
  private static String wharfDigest;
  @TempDir static Path work;

  @BeforeAll
  static void start() throws Exception {
    reference = ReferenceRegistry.start(Files.createDirectories(work.resolve("reference")));
    wharf = RegistryServer.start(RegistryOptions.plain(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Files.createDirectories(work.resolve("wharf"))));
    daemon = WharfDaemonProcess.start();
    docker = new DockerCli(daemon.host(), Files.createDirectories(work.resolve("docker-config")));
    docker.importBusybox(work, "busybox:latest");
    docker.buildWithHi(work, "busybox:latest", SOURCE);
    imageId = ok("image", "inspect", "-f", "{{.Id}}", SOURCE).stdout().strip();
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {daemon, wharf, reference, locked}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static CommandResult ok(String... args) throws Exception {
    CommandResult result = docker.run(args);
    assertThat(result.exitCode()).as("docker %s\n%s\nwharfd log:\n%s\nreference registry log:\n%s",
        String.join(" ", args), result, daemon.log(), reference.log()).isZero();
    return result;
  }

  private static String wharfRepo() {
    return "127.0.0.1:" + wharf.address().getPort() + "/it/two-layers";
  }

  private static String referenceRepo() {
    return reference.host() + "/it/two-layers";
  }

  private static int count(String text, String needle) {
    return text.split(Pattern.quote(needle), -1).length - 1;
  }

  /** Pushes {@value #SOURCE} as {@code repo:1}; returns the digest the push printed. */
  private static String push(String repo) throws Exception {
    assertThat(ok("image", "inspect", "-f", "{{len .RootFS.Layers}}", SOURCE).stdout().strip()).isEqualTo("2");
    ok("tag", SOURCE, repo + ":1");
    String out = ok("push", repo + ":1").stdout();
    assertThat(out).contains("The push refers to repository [" + repo + "]");
    assertThat(count(out, ": Pushed")).as(out).isEqualTo(2);
    Matcher digest = PUSHED_DIGEST.matcher(out);
    assertThat(digest.find()).as(out).isTrue();
    assertThat(ok("image", "inspect", "-f", "{{json .RepoDigests}}", repo + ":1").stdout())
        .contains("\"" + repo + "@" + digest.group(1) + "\"");
    return digest.group(1);
  }

  /** Removes every name of the image (and the base it was built on), so that nothing of it is left. */
  private static void forget(String... names) throws Exception {
    for (String name : names) {
      ok("rmi", name);
    }
    assertThat(docker.run("image", "inspect", imageId).exitCode()).isNotZero();
    assertThat(ok("images", "-q").stdout()).isBlank();
  }

  /** Pulls {@code repo:1} into the empty store, checks it is the image pushed, and runs it. */
  private static void pullAndRun(String repo, String digest) throws Exception {
    String out = ok("pull", repo + ":1").stdout();
    assertThat(count(out, ": Pull complete")).as(out).isEqualTo(2);
    assertThat(out).contains("Digest: " + digest).contains("Status: Downloaded newer image for " + repo + ":1");
    assertThat(ok("image", "inspect", "-f", "{{.Id}}", repo + ":1").stdout().strip()).isEqualTo(imageId);
    assertThat(ok("image", "inspect", "-f", "{{json .RepoDigests}}", repo + ":1").stdout())
        .contains("\"" + repo + "@" + digest + "\"");
    assertThat(ok("images", "--digests", "--format", "{{.Repository}} {{.Digest}}", repo).stdout().strip())
        .isEqualTo(repo + " " + digest);
    assertThat(ok("run", "--rm", repo + ":1", "cat", "/hi").stdout()).isEqualTo("hi\n");
    assertThat(ok("pull", repo + "@" + digest).stdout()).contains("Status: Image is up to date for " + repo + "@" + digest);
  }

  @Test
  @Order(1)
  void pushesToBothRegistriesPrintTheSameDigest() throws Exception {
    referenceDigest = push(referenceRepo());
    wharfDigest = push(wharfRepo());
    // wharfd writes the same manifest bytes for the same image, whichever registry takes them
    assertThat(wharfDigest).isEqualTo(referenceDigest);
    assertThat(ok("push", referenceRepo() + ":1").stdout()).contains("Layer already exists")
        .contains("1: digest: " + referenceDigest);
  }

  @Test
  @Order(2)
  void pullFromTheReferenceRegistryGivesBackTheSameImage() throws Exception {
    forget(referenceRepo() + ":1", wharfRepo() + ":1", SOURCE, "busybox:latest");
    pullAndRun(referenceRepo(), referenceDigest);
  }

  @Test
  @Order(3)
  void pullFromWharfsRegistryGivesBackTheSameImage() throws Exception {
    forget(referenceRepo() + ":1");
    pullAndRun(wharfRepo(), wharfDigest);
  }

  @Test
  @Order(4)
  void loginAndPushToTheReferenceRegistryWithBasicAuth() throws Exception {
    Path htpasswd = work.resolve("htpasswd");
    Files.writeString(htpasswd, "wharf:" + org.mindrot.jbcrypt.BCrypt.hashpw("s3cret", org.mindrot.jbcrypt.BCrypt.gensalt(4))
        + "\n");
    locked = ReferenceRegistry.start(Files.createDirectories(work.resolve("locked")), htpasswd);
    String repo = locked.host() + "/it/private";
    ok("tag", wharfRepo() + ":1", repo + ":1");
    CommandResult anonymous = docker.run("push", repo + ":1");
    assertThat(anonymous.exitCode()).as(anonymous.toString()).isNotZero();
    // Docker says "no basic auth credentials" here; wharfd says "…: unauthorized: authentication required"
    assertThat(anonymous.stderr()).contains("auth");
    CommandResult wrong = docker.run("login", "-u", "wharf", "-p", "nope", locked.host());
    assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();
    assertThat(ok("login", "-u", "wharf", "-p", "s3cret", locked.host()).stdout()).contains("Login Succeeded");
    assertThat(ok("push", repo + ":1").stdout()).contains("1: digest: " + wharfDigest);
    ok("rmi", repo + ":1", wharfRepo() + ":1");
    assertThat(ok("images", "-q").stdout()).isBlank();
    assertThat(ok("pull", repo + ":1").stdout()).contains("Digest: " + wharfDigest);
    assertThat(ok("run", "--rm", repo + ":1", "cat", "/hi").stdout()).isEqualTo("hi\n");
    ok("logout", locked.host());
  }
}
