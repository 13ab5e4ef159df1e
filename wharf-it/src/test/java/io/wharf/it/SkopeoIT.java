package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Json;
import io.wharf.registry.server.RegistryOptions;
import io.wharf.registry.server.RegistryServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * skopeo (containers/image, the library of podman and buildah) against Wharf's registry server:
 * it reads what wharfd pushed, copies it within the registry, out to an OCI layout directory and
 * back, lists tags and deletes; wharfd pulls and runs what skopeo pushed, also as Docker schema 2
 * manifests with gzip layers, from Wharf's registry and the reference one; it copies into a
 * registry with basic auth when given credentials.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SkopeoIT {
  private static final Pattern PUSHED_DIGEST = Pattern.compile("1: digest: (sha256:[0-9a-f]{64}) size: \\d+");

  private static RegistryServer registry;
  private static ReferenceRegistry reference;
  private static RegistryServer locked;
  private static WharfDaemonProcess daemon;
  private static DockerCli docker;
  private static Skopeo skopeo;
  private static String host;
  private static String imageId;
  private static String digest;
  @TempDir static Path work;

  @BeforeAll
  static void start() throws Exception {
    skopeo = Skopeo.in(Files.createDirectories(work.resolve("skopeo")));
    registry = RegistryServer.start(RegistryOptions.plain(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Files.createDirectories(work.resolve("registry"))));
    host = "127.0.0.1:" + registry.address().getPort();
    daemon = WharfDaemonProcess.start();
    docker = new DockerCli(daemon.host(), Files.createDirectories(work.resolve("docker-config")));
    docker.importBusybox(work, "busybox:latest");
    docker.buildWithHi(work, "busybox:latest", host + "/it/skopeo:1");
    imageId = ok("image", "inspect", "-f", "{{.Id}}", host + "/it/skopeo:1").stdout().strip();
    Matcher pushed = PUSHED_DIGEST.matcher(ok("push", host + "/it/skopeo:1").stdout());
    assertThat(pushed.find()).isTrue();
    digest = pushed.group(1);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {daemon, registry, reference, locked}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static CommandResult ok(String... args) throws Exception {
    CommandResult result = docker.run(args);
    assertThat(result.exitCode()).as("docker %s\n%s\nwharfd log:\n%s", String.join(" ", args), result, daemon.log())
        .isZero();
    return result;
  }

  private static CommandResult skopeo(String... args) throws Exception {
    CommandResult result = skopeo.run(args);
    assertThat(result.exitCode()).as("skopeo %s\n%s", String.join(" ", args), result).isZero();
    return result;
  }

  private static String image(String repoAndTag) {
    return "docker://" + host + "/" + repoAndTag;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  @Order(1)
  void inspectShowsTheDigestAndLayersWharfdPushed() throws Exception {
    JsonNode inspected = Json.MAPPER.readTree(skopeo("inspect", "--tls-verify=false", image("it/skopeo:1")).stdout());
    assertThat(inspected.path("Digest").asText()).isEqualTo(digest);
    assertThat(inspected.path("Name").asText()).isEqualTo(host + "/it/skopeo");
    assertThat(inspected.path("Architecture").asText()).isEqualTo("amd64");
    assertThat(inspected.path("Os").asText()).isEqualTo("linux");
    // wharfd pushes layers uncompressed, so their digests are the image's diff IDs
    List<String> diffIds = texts(Json.MAPPER.readTree(
        ok("image", "inspect", "-f", "{{json .RootFS.Layers}}", host + "/it/skopeo:1").stdout()));
    assertThat(diffIds).hasSize(2);
    assertThat(texts(inspected.path("Layers"))).isEqualTo(diffIds);
    assertThat(texts(inspected.path("RepoTags"))).contains("1");

    JsonNode raw = Json.MAPPER.readTree(skopeo("inspect", "--raw", "--tls-verify=false", image("it/skopeo:1")).stdout());
    assertThat(raw.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(raw.path("config").path("digest").asText()).isEqualTo(imageId);
    JsonNode config = Json.MAPPER.readTree(
        skopeo("inspect", "--config", "--tls-verify=false", image("it/skopeo:1")).stdout());
    assertThat(texts(config.path("rootfs").path("diff_ids"))).isEqualTo(diffIds);
  }

  @Test
  @Order(2)
  void copyWithinTheRegistryCompressesTheLayersUnlessDigestsArePreserved() throws Exception {
    skopeo("copy", "--src-tls-verify=false", "--dest-tls-verify=false", image("it/skopeo:1"), image("it/other:2"));
    // skopeo gzips the uncompressed layers it sends to a registry: a new manifest for the same image
    JsonNode copied = Json.MAPPER.readTree(skopeo("inspect", "--raw", "--tls-verify=false", image("it/other:2")).stdout());
    assertThat(copied.path("config").path("digest").asText()).isEqualTo(imageId);
    assertThat(copied.path("layers")).hasSize(2)
        .allSatisfy(l -> assertThat(l.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip"));

    skopeo("copy", "--preserve-digests", "--src-tls-verify=false", "--dest-tls-verify=false", image("it/skopeo:1"),
        image("it/same:2"));
    JsonNode same = Json.MAPPER.readTree(skopeo("inspect", "--tls-verify=false", image("it/same:2")).stdout());
    assertThat(same.path("Digest").asText()).isEqualTo(digest);
  }

  @Test
  @Order(3)
  void copyToAnOciLayoutAndBack() throws Exception {
    Path layout = work.resolve("layout");
    skopeo("copy", "--src-tls-verify=false", image("it/skopeo:1"), "oci:" + layout + ":one");
    assertThat(layout.resolve("index.json")).exists();
    assertThat(layout.resolve("oci-layout")).exists();
    skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":one", image("it/third:3"));
    JsonNode third = Json.MAPPER.readTree(skopeo("inspect", "--tls-verify=false", image("it/third:3")).stdout());
    assertThat(texts(third.path("Layers"))).hasSize(2);
    JsonNode config = Json.MAPPER.readTree(skopeo("inspect", "--config", "--tls-verify=false", image("it/third:3")).stdout());
    assertThat(Json.MAPPER.readTree(skopeo("inspect", "--config", "--tls-verify=false", image("it/skopeo:1")).stdout()))
        .isEqualTo(config);
  }

  @Test
  @Order(4)
  void wharfdPullsAndRunsWhatSkopeoPushed() throws Exception {
    ok("rmi", host + "/it/skopeo:1", "busybox:latest");
    for (String name : List.of("it/other:2", "it/third:3")) {
      String ref = host + "/" + name;
      assertThat(ok("images", "-q").stdout()).isBlank();
      String out = ok("pull", ref).stdout();
      assertThat(out.split(": Pull complete", -1)).as(out).hasSize(3);
      assertThat(ok("image", "inspect", "-f", "{{.Id}}", ref).stdout().strip()).isEqualTo(imageId);
      assertThat(ok("run", "--rm", ref, "cat", "/hi").stdout()).isEqualTo("hi\n");
      ok("rmi", ref);
    }
  }

  @Test
  @Order(5)
  void listTagsAndDelete() throws Exception {
    skopeo("copy", "--src-tls-verify=false", "--dest-tls-verify=false", image("it/skopeo:1"), image("it/skopeo:extra"));
    JsonNode tags = Json.MAPPER.readTree(skopeo("list-tags", "--tls-verify=false", image("it/skopeo")).stdout());
    assertThat(tags.path("Repository").asText()).isEqualTo(host + "/it/skopeo");
    assertThat(texts(tags.path("Tags"))).containsExactlyInAnyOrder("1", "extra");

    skopeo("delete", "--tls-verify=false", image("it/other:2"));
    CommandResult gone = skopeo.run("inspect", "--tls-verify=false", image("it/other:2"));
    assertThat(gone.exitCode()).as(gone.toString()).isNotZero();
    assertThat(gone.stderr()).contains("manifest unknown");
    assertThat(texts(Json.MAPPER.readTree(skopeo("list-tags", "--tls-verify=false", image("it/other")).stdout())
        .path("Tags"))).isEmpty();
    // the manifest went from it/other only; it/skopeo still serves it
    assertThat(Json.MAPPER.readTree(skopeo("inspect", "--tls-verify=false", image("it/skopeo:1")).stdout())
        .path("Digest").asText()).isEqualTo(digest);
  }

  @Test
  @Order(6)
  void dockerSchema2ManifestsWithGzipLayersPullFromEitherRegistry() throws Exception {
    reference = ReferenceRegistry.start(Files.createDirectories(work.resolve("reference")));
    for (String target : List.of(host, reference.host())) {
      String ref = target + "/it/v2s2:1";
      skopeo("copy", "--format", "v2s2", "--src-tls-verify=false", "--dest-tls-verify=false", image("it/skopeo:1"),
          "docker://" + ref);
      JsonNode manifest = Json.MAPPER.readTree(skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + ref).stdout());
      assertThat(manifest.path("mediaType").asText()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
      // into the reference registry skopeo gzips the layers; into Wharf's (skopeo 1.9) it mounts the
      // uncompressed ones it/skopeo has, under Docker's media type for an uncompressed layer
      List<String> layerTypes = target.equals(host)
          ? List.of("application/vnd.docker.image.rootfs.diff.tar", "application/vnd.docker.image.rootfs.diff.tar.gzip")
          : List.of("application/vnd.docker.image.rootfs.diff.tar.gzip");
      assertThat(manifest.path("layers")).hasSize(2)
          .allSatisfy(l -> assertThat(l.path("mediaType").asText()).isIn(layerTypes));
      assertThat(ok("images", "-q").stdout()).isBlank();
      String out = ok("pull", ref).stdout();
      assertThat(out.split(": Pull complete", -1)).as(out).hasSize(3);
      String digest = Json.MAPPER.readTree(skopeo("inspect", "--tls-verify=false", "docker://" + ref).stdout())
          .path("Digest").asText();
      assertThat(out).contains("Digest: " + digest);
      assertThat(ok("image", "inspect", "-f", "{{.Id}}", ref).stdout().strip()).isEqualTo(imageId);
      assertThat(ok("run", "--rm", ref, "cat", "/hi").stdout()).isEqualTo("hi\n");
      ok("rmi", ref);
    }
  }

  @Test
  @Order(7)
  void credentialsForARegistryWithBasicAuth() throws Exception {
    Path htpasswd = work.resolve("htpasswd");
    Files.writeString(htpasswd, "wharf:" + org.mindrot.jbcrypt.BCrypt.hashpw("s3cret", org.mindrot.jbcrypt.BCrypt.gensalt(4))
        + "\n");
    locked = RegistryServer.start(new RegistryOptions(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        Files.createDirectories(work.resolve("locked")), htpasswd, null, null));
    String target = "docker://127.0.0.1:" + locked.address().getPort() + "/it/private:1";
    CommandResult anonymous = skopeo.run("copy", "--src-tls-verify=false", "--dest-tls-verify=false",
        image("it/skopeo:1"), target);
    assertThat(anonymous.exitCode()).as(anonymous.toString()).isNotZero();
    assertThat(anonymous.stderr()).contains("authentication required");
    skopeo("copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--dest-creds", "wharf:s3cret",
        image("it/skopeo:1"), target);
    CommandResult wrong = skopeo.run("inspect", "--tls-verify=false", "--creds", "wharf:nope", target);
    assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();
    JsonNode inspected = Json.MAPPER.readTree(skopeo("inspect", "--tls-verify=false", "--creds", "wharf:s3cret", target)
        .stdout());
    assertThat(texts(inspected.path("Layers"))).hasSize(2);
  }
}
