package io.wharf.registry.server;

import static io.wharf.registry.server.RegistryFixture.errorCode;
import static io.wharf.registry.server.RegistryFixture.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobUploadTest {
  @TempDir Path root;
  RegistryFixture registry;

  @BeforeEach
  void start() throws IOException {
    registry = RegistryFixture.start(root);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void monolithicPostStoresTheBlobUnderItsDigest() throws IOException {
    byte[] blob = random(1, 5000);
    Digest digest = Digest.of(blob);
    HttpResponse<byte[]> r = registry.send("POST", "/v2/app/blobs/uploads/?digest=" + digest, blob);

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location")).hasValue("/v2/app/blobs/" + digest);
    assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
    assertThat(root.resolve("blobs/sha256/" + digest.hex())).hasBinaryContent(blob);
    assertThat(root.resolve("repositories/app/_layers/sha256/" + digest.hex())).exists();
  }

  @Test
  void postThenPutUploadsInOneRequest() throws IOException {
    byte[] blob = random(2, 3000);
    HttpResponse<byte[]> started = registry.send("POST", "/v2/app/blobs/uploads/", null);
    assertThat(started.statusCode()).isEqualTo(202);
    assertThat(started.headers().firstValue("Range")).hasValue("0-0");
    assertThat(started.headers().firstValue("Docker-Upload-UUID")).isPresent();
    String location = started.headers().firstValue("Location").orElseThrow();

    HttpResponse<byte[]> done = registry.send("PUT", location + "?digest=" + Digest.of(blob), blob);

    assertThat(done.statusCode()).isEqualTo(201);
    assertThat(registry.get("/v2/app/blobs/" + Digest.of(blob)).body()).isEqualTo(blob);
  }

  @Test
  void chunkedUploadAppendsInOrderAndFinishesWithTheDigest() throws IOException {
    byte[] blob = random(3, 10_000);
    String location = registry.send("POST", "/v2/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();

    HttpResponse<byte[]> first = registry.send("PATCH", location, Arrays.copyOfRange(blob, 0, 4000),
        "Content-Range", "0-3999", "Content-Type", "application/octet-stream");
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(first.headers().firstValue("Range")).hasValue("0-3999");
    HttpResponse<byte[]> second = registry.send("PATCH", first.headers().firstValue("Location").orElseThrow(),
        Arrays.copyOfRange(blob, 4000, 9000));
    assertThat(second.headers().firstValue("Range")).hasValue("0-8999");
    HttpResponse<byte[]> status = registry.get(location);
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(status.headers().firstValue("Range")).hasValue("0-8999");
    HttpResponse<byte[]> done = registry.send("PUT", location + "?digest=" + Digest.of(blob),
        Arrays.copyOfRange(blob, 9000, 10_000), "Content-Range", "9000-9999");

    assertThat(done.statusCode()).isEqualTo(201);
    assertThat(root.resolve("blobs/sha256/" + Digest.of(blob).hex())).hasBinaryContent(blob);
    assertThat(registry.get(location).statusCode()).isEqualTo(404);
  }

  @Test
  void streamedPatchWithoutLengthOrRangeIsAcceptedAsDockerSendsIt() throws Exception {
    byte[] blob = random(14, 200_000);
    String location = registry.send("POST", "/v2/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
    HttpRequest patch = HttpRequest.newBuilder(URI.create(registry.base + location))
        .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(blob))).build();

    HttpResponse<byte[]> r = registry.http.send(patch, HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.headers().firstValue("Range")).hasValue("0-199999");
    assertThat(registry.send("PUT", location + "?digest=" + Digest.of(blob), null).statusCode()).isEqualTo(201);
    assertThat(registry.send("HEAD", "/v2/app/blobs/" + Digest.of(blob), null).headers().firstValue("Content-Length"))
        .hasValue("200000");
  }

  @Test
  void outOfOrderChunkIsRefusedWith416AndTheCurrentRange() throws IOException {
    String location = registry.send("POST", "/v2/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
    registry.send("PATCH", location, random(4, 100), "Content-Range", "0-99");

    HttpResponse<byte[]> r = registry.send("PATCH", location, random(5, 100), "Content-Range", "200-299");

    assertThat(r.statusCode()).isEqualTo(416);
    assertThat(errorCode(r)).isEqualTo("BLOB_UPLOAD_INVALID");
    assertThat(r.headers().firstValue("Range")).hasValue("0-99");
    assertThat(r.headers().firstValue("Location")).hasValue(location);
    HttpResponse<byte[]> junk = registry.send("PATCH", location, random(5, 10), "Content-Range", "junk");
    assertThat(junk.statusCode()).isEqualTo(416);
    assertThat(junk.headers().firstValue("Location")).hasValue(location);
  }

  @Test
  void wrongDigestIsRefusedAndNothingIsStored() throws IOException {
    byte[] blob = random(6, 2000);
    Digest claimed = Digest.of(random(7, 2000));
    String location = registry.send("POST", "/v2/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
    registry.send("PATCH", location, blob);

    HttpResponse<byte[]> r = registry.send("PUT", location + "?digest=" + claimed, null);
    HttpResponse<byte[]> monolithic = registry.send("POST", "/v2/app/blobs/uploads/?digest=" + claimed, blob);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("DIGEST_INVALID");
    assertThat(errorCode(monolithic)).isEqualTo("DIGEST_INVALID");
    assertThat(root.resolve("blobs/sha256/" + claimed.hex())).doesNotExist();
    assertThat(root.resolve("blobs/sha256/" + Digest.of(blob).hex())).doesNotExist();
    try (var left = Files.list(root.resolve("uploads"))) {
      assertThat(left).isEmpty();
    }
    assertThat(registry.send("HEAD", "/v2/app/blobs/" + claimed, null).statusCode()).isEqualTo(404);
  }

  @Test
  void truncatedChunkIsTakenBackAndTheUploadResumes() throws IOException {
    byte[] blob = random(8, 3000);
    String location = registry.send("POST", "/v2/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
    registry.send("PATCH", location, Arrays.copyOfRange(blob, 0, 1000));

    try (Socket socket = new Socket("127.0.0.1", registry.server.address().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("PATCH " + location + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(blob, 1000, 500);
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).doesNotStartWith("HTTP/1.1 202");
    }

    assertThat(registry.get(location).headers().firstValue("Range")).hasValue("0-999");
    registry.send("PATCH", location, Arrays.copyOfRange(blob, 1000, 3000), "Content-Range", "1000-2999");
    assertThat(registry.send("PUT", location + "?digest=" + Digest.of(blob), null).statusCode()).isEqualTo(201);
  }

  @Test
  void cancelledUploadIsForgotten() throws IOException {
    String location = registry.send("POST", "/v2/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
    registry.send("PATCH", location, random(9, 100));

    assertThat(registry.send("DELETE", location, null).statusCode()).isEqualTo(204);

    HttpResponse<byte[]> r = registry.get(location);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(errorCode(r)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
    try (var left = Files.list(root.resolve("uploads"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void uploadSessionBelongsToItsRepository() throws IOException {
    String location = registry.send("POST", "/v2/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
    String other = location.replace("/v2/app/", "/v2/other/");

    assertThat(errorCode(registry.send("PATCH", other, random(10, 10)))).isEqualTo("BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  void putWithoutDigestIsRefused() throws IOException {
    String location = registry.send("POST", "/v2/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();

    HttpResponse<byte[]> r = registry.send("PUT", location, random(11, 10));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("DIGEST_INVALID");
  }

  @Test
  void mountLinksABlobOfAnotherRepository() throws IOException {
    Digest digest = registry.pushBlob("source", random(12, 700));

    HttpResponse<byte[]> r = registry.send("POST", "/v2/target/blobs/uploads/?mount=" + digest + "&from=source", null);

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location")).hasValue("/v2/target/blobs/" + digest);
    assertThat(registry.send("HEAD", "/v2/target/blobs/" + digest, null).statusCode()).isEqualTo(200);
  }

  @Test
  void mountFromARepositoryWithoutTheBlobOpensAnUpload() throws IOException {
    Digest digest = registry.pushBlob("source", random(13, 700));

    HttpResponse<byte[]> r = registry.send("POST", "/v2/target/blobs/uploads/?mount=" + digest + "&from=elsewhere", null);
    HttpResponse<byte[]> unknown = registry.send("POST", "/v2/target/blobs/uploads/?mount=" + Digest.of(new byte[1]) + "&from=source", null);

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("/v2/target/blobs/uploads/");
    assertThat(unknown.statusCode()).isEqualTo(202);
    assertThat(registry.send("HEAD", "/v2/target/blobs/" + digest, null).statusCode()).isEqualTo(404);
  }
}
