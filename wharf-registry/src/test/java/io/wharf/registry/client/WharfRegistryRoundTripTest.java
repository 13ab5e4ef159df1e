package io.wharf.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.image.MediaTypes;
import io.wharf.registry.server.RegistryOptions;
import io.wharf.registry.server.RegistryServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against Wharf's own registry server, in-process: push, pull back, mount. */
class WharfRegistryRoundTripTest {
  @TempDir
  Path root;

  @Test
  void twoLayerImagePushedIsPulledBackWithTheSameDigest() throws IOException {
    TestImage image = TestImage.oci(1);
    byte[] big = TestImage.bytes(new Random(2), 33 * 1024 * 1024);
    try (RegistryServer server = RegistryServer.start(RegistryOptions.plain(new InetSocketAddress("127.0.0.1", 0), root));
         RegistryClient client = new RegistryClient(RegistryConfig.defaults())) {
      String host = "127.0.0.1:" + server.address().getPort();
      ImageReference ref = ImageReference.parse(host + "/team/app:v1");
      Descriptor bigBlob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.of(big), big.length);

      assertThat(client.pushBlob(ref, image.configDescriptor(), () -> new ByteArrayInputStream(image.config()), null)).isTrue();
      for (int i = 0; i < 2; i++) {
        byte[] layer = image.layers().get(i);
        assertThat(client.pushBlob(ref, image.layerDescriptor(i), () -> new ByteArrayInputStream(layer), null)).isTrue();
      }
      assertThat(client.pushBlob(ref, bigBlob, () -> new ByteArrayInputStream(big), null)).as("chunked").isTrue();
      assertThat(client.pushBlob(ref, image.layerDescriptor(0), () -> new ByteArrayInputStream(image.layers().getFirst()), null)).isFalse();
      Digest pushed = client.pushManifest(ref, image.manifest(), MediaTypes.OCI_MANIFEST);

      ResolvedImage resolved = client.resolve(ref);
      assertThat(resolved.manifestDigest()).isEqualTo(pushed).isEqualTo(image.digest());
      assertThat(resolved.layers()).containsExactly(image.layerDescriptor(0), image.layerDescriptor(1));
      for (Descriptor layer : resolved.layers()) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        client.fetchBlob(ref, layer, 0, sink);
        assertThat(Digest.of(sink.toByteArray())).isEqualTo(layer.digest());
      }
      ByteArrayOutputStream bigSink = new ByteArrayOutputStream();
      client.fetchBlob(ref, bigBlob, 0, bigSink);
      assertThat(bigSink.toByteArray()).isEqualTo(big);

      ImageReference other = ImageReference.parse(host + "/other/app:v1");
      for (Descriptor blob : List.of(image.configDescriptor(), image.layerDescriptor(0), image.layerDescriptor(1))) {
        assertThat(client.pushBlob(other, blob, () -> { throw new AssertionError("mounted, not uploaded"); }, "team/app")).isFalse();
      }
      client.pushManifest(other, image.manifest(), MediaTypes.OCI_MANIFEST);
      assertThat(client.resolve(other.withDigest(pushed)).manifestDigest()).isEqualTo(pushed);

      assertThatThrownBy(() -> client.resolve(ref.withTag("nope")))
          .isInstanceOf(ManifestUnknownException.class)
          .hasMessageStartingWith("manifest for " + host + "/team/app:nope not found: manifest unknown");
    }
  }
}
