package io.wharf.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.image.MediaTypes;
import io.wharf.oci.image.Platform;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResolveTest {
  private FakeRegistry registry;
  private RegistryClient client;

  @BeforeEach
  void start() throws IOException {
    registry = FakeRegistry.start();
    client = new RegistryClient(RegistryConfig.defaults());
  }

  @AfterEach
  void stop() {
    client.close();
    registry.close();
  }

  @Test
  void tagResolvesToOciManifestWithItsBlobs() throws IOException {
    TestImage image = TestImage.oci(1);
    Digest digest = image.pushTo(registry, "app", "1.0");

    ResolvedImage resolved = client.resolve(registry.ref("app:1.0"));

    assertThat(resolved.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(resolved.manifestDigest()).isEqualTo(digest);
    assertThat(resolved.manifest()).isEqualTo(image.manifest());
    assertThat(resolved.config()).isEqualTo(image.configDescriptor());
    assertThat(resolved.layers()).containsExactly(image.layerDescriptor(0), image.layerDescriptor(1));
    assertThat(resolved.ref()).isEqualTo(new ImageReference(registry.host(), "app", "1.0", digest));
    assertThat(registry.requests("GET", "/v2/app/manifests/1.0").getFirst().header("Accept"))
        .contains(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_LIST, MediaTypes.DOCKER_MANIFEST);
  }

  @Test
  void referenceWithoutTagResolvesLatest() throws IOException {
    TestImage.docker(2).pushTo(registry, "app", "latest");

    assertThat(client.resolve(ImageReference.parse(registry.host() + "/app")).ref().tag()).isEqualTo("latest");
  }

  @Test
  void ociIndexResolvesToItsVariantlessLinuxAmd64Manifest() throws IOException {
    TestImage arm = TestImage.oci(3);
    TestImage amd64v3 = TestImage.oci(4);
    TestImage amd64 = TestImage.oci(5);
    List.of(arm, amd64v3, amd64).forEach(image -> image.pushTo(registry, "multi", null));
    byte[] index = TestImage.index(MediaTypes.OCI_INDEX, List.of(
        arm.entry("linux", "arm64", "v8"), amd64v3.entry("linux", "amd64", "v3"), amd64.entry("linux", "amd64", null)));
    Digest indexDigest = registry.putManifest("multi", "latest", MediaTypes.OCI_INDEX, index);

    ResolvedImage resolved = client.resolve(registry.ref("multi"));

    assertThat(resolved.manifestDigest()).isEqualTo(amd64.digest());
    assertThat(resolved.manifest()).isEqualTo(amd64.manifest());
    assertThat(resolved.config()).isEqualTo(amd64.configDescriptor());
    assertThat(resolved.ref().digest()).as("the digest Docker records: the index's").isEqualTo(indexDigest);
    assertThat(registry.requests("GET", "/v2/multi/manifests/" + amd64.digest())).hasSize(1);
  }

  @Test
  void otherPlatformIsPickedWithItsVariantNormalised() throws IOException {
    TestImage arm64 = TestImage.oci(16);
    TestImage amd64 = TestImage.oci(17);
    arm64.pushTo(registry, "multi", null);
    amd64.pushTo(registry, "multi", null);
    registry.putManifest("multi", "latest", MediaTypes.OCI_INDEX,
        TestImage.index(MediaTypes.OCI_INDEX, List.of(amd64.entry("linux", "amd64", null), arm64.entry("linux", "arm64", "v8"))));

    ResolvedImage resolved = client.resolve(registry.ref("multi"), new Platform("arm64", "linux", null, null, null));

    assertThat(resolved.manifestDigest()).isEqualTo(arm64.digest());
    assertThatThrownBy(() -> client.resolve(registry.ref("multi"), new Platform("s390x", "linux", null, null, null)))
        .hasMessage("no matching manifest for linux/s390x in the manifest list entries");
  }

  @Test
  void tagsAreListedAcrossPages() throws IOException {
    registry.override("GET", "/v2/app/tags/list", exchange -> {
      boolean first = exchange.getRequestURI().getQuery().equals("n=1000");
      if (first) {
        exchange.getResponseHeaders().add("Link", "</v2/app/tags/list?n=1000&last=b>; rel=\"next\"");
      }
      FakeRegistry.send(exchange, 200, "application/json",
          (first ? "{\"name\":\"app\",\"tags\":[\"a\",\"b\"]}" : "{\"name\":\"app\",\"tags\":[\"c\"]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    });

    assertThat(client.listTags(registry.ref("app"))).containsExactly("a", "b", "c");
  }

  @Test
  void dockerManifestListResolvesToLinuxAmd64() throws IOException {
    TestImage windows = TestImage.docker(6);
    TestImage linux = TestImage.docker(7);
    windows.pushTo(registry, "list", null);
    linux.pushTo(registry, "list", null);
    byte[] list = TestImage.index(MediaTypes.DOCKER_LIST, List.of(windows.entry("windows", "amd64", null), linux.entry("linux", "amd64", null)));
    registry.putManifest("list", "latest", MediaTypes.DOCKER_LIST, list);

    ResolvedImage resolved = client.resolve(registry.ref("list"));

    assertThat(resolved.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(resolved.manifestDigest()).isEqualTo(linux.digest());
    assertThat(resolved.layers()).containsExactly(linux.layerDescriptor(0), linux.layerDescriptor(1));
  }

  @Test
  void indexWithoutLinuxAmd64IsRefusedInDockersWords() {
    TestImage arm = TestImage.oci(8);
    arm.pushTo(registry, "arm", null);
    registry.putManifest("arm", "latest", MediaTypes.OCI_INDEX, TestImage.index(MediaTypes.OCI_INDEX, List.of(arm.entry("linux", "arm64", null))));

    assertThatThrownBy(() -> client.resolve(registry.ref("arm")))
        .isInstanceOf(RegistryException.class)
        .hasMessage("no matching manifest for linux/amd64 in the manifest list entries");
  }

  @Test
  void digestReferenceResolvesAndIsCheckedAgainstTheBytes() throws IOException {
    TestImage image = TestImage.oci(9);
    Digest digest = image.pushTo(registry, "app", null);

    assertThat(client.resolve(registry.ref("app@" + digest)).manifestDigest()).isEqualTo(digest);
  }

  @Test
  void manifestWhoseBytesDoNotMatchTheReferencedDigestIsRefused() {
    TestImage image = TestImage.oci(10);
    Digest digest = image.pushTo(registry, "app", null);
    byte[] other = TestImage.oci(11).manifest();
    registry.override("GET", "/v2/app/manifests/" + digest, exchange -> FakeRegistry.send(exchange, 200, MediaTypes.OCI_MANIFEST, other));

    assertThatThrownBy(() -> client.resolve(registry.ref("app@" + digest)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(digest.toString())
        .hasMessageContaining(Digest.of(other).toString());
  }

  @Test
  void manifestWhoseDockerContentDigestDisagreesIsRefused() {
    TestImage image = TestImage.oci(12);
    image.pushTo(registry, "app", null);
    Digest claimed = Digest.of(new byte[] {1});
    registry.override("GET", "/v2/app/manifests/latest", exchange -> {
      exchange.getResponseHeaders().add("Docker-Content-Digest", claimed.toString());
      FakeRegistry.send(exchange, 200, MediaTypes.OCI_MANIFEST, image.manifest());
    });

    assertThatThrownBy(() -> client.resolve(registry.ref("app")))
        .hasMessageContaining(claimed.toString())
        .hasMessageContaining(image.digest().toString());
  }

  @Test
  void indexEntryWhoseManifestDoesNotMatchIsRefused() {
    TestImage amd64 = TestImage.oci(13);
    amd64.pushTo(registry, "multi", null);
    registry.putManifest("multi", "latest", MediaTypes.OCI_INDEX, TestImage.index(MediaTypes.OCI_INDEX, List.of(amd64.entry("linux", "amd64", null))));
    byte[] other = TestImage.oci(14).manifest();
    registry.override("GET", "/v2/multi/manifests/" + amd64.digest(), exchange -> FakeRegistry.send(exchange, 200, MediaTypes.OCI_MANIFEST, other));

    assertThatThrownBy(() -> client.resolve(registry.ref("multi")))
        .hasMessageContaining("manifest verification failed for digest " + amd64.digest());
  }

  @Test
  void unknownTagIsManifestUnknownInDockersWords() {
    assertThatThrownBy(() -> client.resolve(registry.ref("app:nope")))
        .isInstanceOf(ManifestUnknownException.class)
        .hasMessage("manifest for " + registry.host() + "/app:nope not found: manifest unknown: manifest unknown");
  }

  @Test
  void errorBodyOfTheRegistryIsTheMessage() {
    registry.override("GET", "/v2/app/manifests/latest", exchange -> FakeRegistry.error(exchange, 429, "TOOMANYREQUESTS", "You have reached your pull rate limit."));

    assertThatThrownBy(() -> client.resolve(registry.ref("app")))
        .isInstanceOf(RegistryException.class)
        .hasMessage("toomanyrequests: You have reached your pull rate limit.");
  }

  @Test
  void dockerHubMirrorIsTriedFirst() throws IOException {
    TestImage image = TestImage.oci(15);
    image.pushTo(registry, "library/busybox", "latest");
    RegistryConfig config = new RegistryConfig(Set.of(), List.of("http://" + registry.host() + "/"), Credentials.none(), Duration.ofSeconds(5));

    try (RegistryClient mirrored = new RegistryClient(config)) {
      ResolvedImage resolved = mirrored.resolve(ImageReference.parse("busybox"));

      assertThat(resolved.manifestDigest()).isEqualTo(image.digest());
      assertThat(resolved.ref().toString()).isEqualTo("docker.io/library/busybox:latest@" + image.digest());
    }
  }
}
