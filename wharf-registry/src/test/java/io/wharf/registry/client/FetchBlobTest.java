package io.wharf.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.wharf.oci.Digest;
import io.wharf.oci.image.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FetchBlobTest {
  private static final byte[] LAYER = TestImage.bytes(new Random(42), 300_000);
  private static final Descriptor BLOB = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.of(LAYER), LAYER.length);
  private static final String PATH = "/v2/app/blobs/" + BLOB.digest();

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
  void blobStreamsToTheSink() throws IOException {
    registry.putBlob("app", LAYER);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    client.fetchBlob(registry.ref("app"), BLOB, 0, sink);

    assertThat(sink.toByteArray()).isEqualTo(LAYER);
  }

  @Test
  void blobWhoseBytesDoNotMatchItsDigestIsRefusedNamingBothDigests() {
    byte[] tampered = LAYER.clone();
    tampered[1000] ^= 1;
    registry.override("GET", PATH, exchange -> FakeRegistry.send(exchange, 200, "application/octet-stream", tampered));

    assertThatThrownBy(() -> client.fetchBlob(registry.ref("app"), BLOB, 0, OutputStream.nullOutputStream()))
        .isInstanceOf(IOException.class)
        .hasMessage("digest mismatch for blob: expected " + BLOB.digest() + ", got " + Digest.of(tampered));
  }

  @Test
  void blobLongerThanItsDescriptorIsRefused() {
    byte[] longer = Arrays.copyOf(LAYER, LAYER.length + 1);
    registry.override("GET", PATH, exchange -> FakeRegistry.send(exchange, 200, "application/octet-stream", longer));

    assertThatThrownBy(() -> client.fetchBlob(registry.ref("app"), BLOB, 0, OutputStream.nullOutputStream()))
        .hasMessageContaining("larger than its descriptor's " + LAYER.length + " bytes");
  }

  @Test
  void unknownBlobIsTheRegistrysError() {
    assertThatThrownBy(() -> client.fetchBlob(registry.ref("app"), BLOB, 0, OutputStream.nullOutputStream()))
        .isInstanceOf(RegistryException.class)
        .hasMessage("blob unknown: blob unknown to registry");
  }

  @Test
  void redirectToBlobStorageIsFollowedWithoutTheRegistrysAuthorization() throws IOException {
    registry.requireBasic("alice", "secret");
    List<String> storageAuthorizations = new CopyOnWriteArrayList<>();
    HttpServer storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    storage.createContext("/bucket/", exchange -> {
      storageAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      FakeRegistry.send(exchange, 200, "application/octet-stream", LAYER);
      exchange.close();
    });
    storage.start();
    String signed = "http://127.0.0.1:" + storage.getAddress().getPort() + "/bucket/" + BLOB.digest().hex() + "?sig=abc";
    registry.override("GET", PATH, exchange -> {
      exchange.getResponseHeaders().add("Location", signed);
      FakeRegistry.send(exchange, 307, null, new byte[0]);
    });
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    try (RegistryClient authenticated = new RegistryClient(RegistryConfig.defaults().withCredentials(Credentials.of(registry.host(), Auth.basic("alice", "secret"))))) {
      authenticated.fetchBlob(registry.ref("app"), BLOB, 0, sink);
    } finally {
      storage.stop(0);
    }

    assertThat(sink.toByteArray()).isEqualTo(LAYER);
    assertThat(registry.requests("GET", PATH).getFirst().header("Authorization")).startsWith("Basic ");
    assertThat(storageAuthorizations).containsExactly("null");
  }

  @Test
  void brokenStreamIsResumedWithRange() throws IOException {
    int breakAt = 100_000;
    AtomicInteger calls = new AtomicInteger();
    registry.override("GET", PATH, exchange -> {
      if (calls.incrementAndGet() == 1) {
        exchange.sendResponseHeaders(200, LAYER.length);
        OutputStream body = exchange.getResponseBody();
        body.write(LAYER, 0, breakAt);
        body.flush();
        // closing short of Content-Length drops the connection: a broken stream
        return;
      }
      String range = exchange.getRequestHeaders().getFirst("Range");
      int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
      exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (LAYER.length - 1) + "/" + LAYER.length);
      FakeRegistry.send(exchange, 206, "application/octet-stream", Arrays.copyOfRange(LAYER, from, LAYER.length));
    });
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    client.fetchBlob(registry.ref("app"), BLOB, 0, sink);

    assertThat(sink.toByteArray()).isEqualTo(LAYER);
    List<FakeRegistry.Request> gets = registry.requests("GET", PATH);
    assertThat(gets).hasSize(2);
    assertThat(gets.get(1).header("Range")).matches("bytes=\\d+-");
  }

  @Test
  void streamBreakingTwiceFails() {
    registry.override("GET", PATH, exchange -> {
      exchange.sendResponseHeaders(200, LAYER.length);
      exchange.getResponseBody().write(LAYER, 0, 1000);
      exchange.getResponseBody().flush();
    });

    assertThatThrownBy(() -> client.fetchBlob(registry.ref("app"), BLOB, 0, OutputStream.nullOutputStream()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("broke again");
    assertThat(registry.requests("GET", PATH)).hasSize(2);
  }

  @Test
  void fetchFromOffsetWithTheHashOfThePresentBytesAsksOnlyForTheRest() throws IOException {
    registry.putBlob("app", LAYER);
    int offset = 123_456;
    MessageDigest present = Digest.sha256();
    present.update(LAYER, 0, offset);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    client.fetchBlob(registry.ref("app"), BLOB, offset, present, sink);

    assertThat(sink.toByteArray()).isEqualTo(Arrays.copyOfRange(LAYER, offset, LAYER.length));
    assertThat(registry.requests("GET", PATH).getFirst().header("Range")).isEqualTo("bytes=" + offset + "-");
  }

  @Test
  void fetchFromOffsetWithoutTheHashWritesOnlyTheRestButVerifiesAll() throws IOException {
    registry.putBlob("app", LAYER);
    int offset = 5_000;
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    client.fetchBlob(registry.ref("app"), BLOB, offset, sink);

    assertThat(sink.toByteArray()).isEqualTo(Arrays.copyOfRange(LAYER, offset, LAYER.length));
  }

  @Test
  void registryIgnoringRangeIsSkippedAhead() throws IOException {
    int offset = 7_000;
    registry.override("GET", PATH, exchange -> FakeRegistry.send(exchange, 200, "application/octet-stream", LAYER));
    MessageDigest present = Digest.sha256();
    present.update(LAYER, 0, offset);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    client.fetchBlob(registry.ref("app"), BLOB, offset, present, sink);

    assertThat(sink.toByteArray()).isEqualTo(Arrays.copyOfRange(LAYER, offset, LAYER.length));
  }
}
