package io.wharf.registry.server;

import static io.wharf.registry.server.RegistryFixture.errorCode;
import static io.wharf.registry.server.RegistryFixture.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobTest {
  @TempDir Path root;
  RegistryFixture registry;
  byte[] blob = random(20, 4096);
  Digest digest;

  @BeforeEach
  void start() throws IOException {
    registry = RegistryFixture.start(root);
    digest = registry.pushBlob("library/app", blob);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void getReturnsTheBytesWithTheirDigest() throws IOException {
    HttpResponse<byte[]> r = registry.get("/v2/library/app/blobs/" + digest);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(blob);
    assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
    assertThat(r.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
  }

  @Test
  void headReturnsTheLengthWithoutTheBody() throws IOException {
    HttpResponse<byte[]> r = registry.send("HEAD", "/v2/library/app/blobs/" + digest, null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Length")).hasValue("4096");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void rangeReturnsPartialContent() throws IOException {
    HttpResponse<byte[]> r = registry.get("/v2/library/app/blobs/" + digest, "Range", "bytes=100-199");
    HttpResponse<byte[]> open = registry.get("/v2/library/app/blobs/" + digest, "Range", "bytes=4000-");
    HttpResponse<byte[]> suffix = registry.get("/v2/library/app/blobs/" + digest, "Range", "bytes=-10");

    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 100-199/4096");
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(blob, 100, 200));
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(blob, 4000, 4096));
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(blob, 4086, 4096));
  }

  @Test
  void rangePastTheEndIsNotSatisfiable() throws IOException {
    HttpResponse<byte[]> r = registry.get("/v2/library/app/blobs/" + digest, "Range", "bytes=5000-6000");

    assertThat(r.statusCode()).isEqualTo(416);
    assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes */4096");
  }

  @Test
  void blobIsServedOnlyUnderRepositoriesThatHaveIt() throws IOException {
    HttpResponse<byte[]> r = registry.get("/v2/other/blobs/" + digest);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(errorCode(r)).isEqualTo("BLOB_UNKNOWN");
  }

  @Test
  void deleteUnlinksTheBlobFromTheRepository() throws IOException {
    assertThat(registry.send("DELETE", "/v2/library/app/blobs/" + digest, null).statusCode()).isEqualTo(202);

    assertThat(registry.get("/v2/library/app/blobs/" + digest).statusCode()).isEqualTo(404);
    assertThat(errorCode(registry.send("DELETE", "/v2/library/app/blobs/" + digest, null))).isEqualTo("BLOB_UNKNOWN");
  }

  @Test
  void malformedDigestIsDigestInvalid() throws IOException {
    HttpResponse<byte[]> r = registry.get("/v2/library/app/blobs/sha256:nothex");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("DIGEST_INVALID");
  }

  @Test
  void unknownMethodIsUnsupported() throws IOException {
    HttpResponse<byte[]> r = registry.send("PUT", "/v2/library/app/blobs/" + digest, blob);

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(errorCode(r)).isEqualTo("UNSUPPORTED");
  }
}
