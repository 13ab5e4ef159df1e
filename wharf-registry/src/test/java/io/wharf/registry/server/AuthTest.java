package io.wharf.registry.server;

import static io.wharf.registry.server.RegistryFixture.errorCode;
import static io.wharf.registry.server.RegistryFixture.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

class AuthTest {
  @TempDir Path dir;
  RegistryFixture registry;

  @BeforeEach
  void start() throws IOException {
    // as `htpasswd -B` writes it: Apache's $2y$ prefix
    String hash = BCrypt.hashpw("s3cret", BCrypt.gensalt(4)).replaceFirst("^\\$2a\\$", "\\$2y\\$");
    Path htpasswd = Files.writeString(dir.resolve("htpasswd"), "# users\nalice:" + hash + "\n");
    registry = RegistryFixture.start(new RegistryOptions(new InetSocketAddress("127.0.0.1", 0), dir.resolve("root"),
        htpasswd, null, null), HttpClient.newBuilder());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void withoutCredentialsTheRegistryAsksForBasicAuth() throws IOException {
    HttpResponse<byte[]> r = registry.get("/v2/");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Wharf Registry\"");
    assertThat(r.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    assertThat(errorCode(r)).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void wrongPasswordOrUserIsUnauthorized() throws IOException {
    assertThat(registry.get("/v2/", "Authorization", basic("alice", "guess")).statusCode()).isEqualTo(401);
    assertThat(registry.get("/v2/", "Authorization", basic("bob", "s3cret")).statusCode()).isEqualTo(401);
    assertThat(registry.get("/v2/", "Authorization", "Basic !!!").statusCode()).isEqualTo(401);
    assertThat(registry.get("/v2/app/tags/list").statusCode()).isEqualTo(401);
  }

  @Test
  void rightCredentialsAreLetIn() throws IOException {
    String auth = basic("alice", "s3cret");
    HttpResponse<byte[]> r = registry.get("/v2/", "Authorization", auth);
    byte[] blob = random(1, 100);
    HttpResponse<byte[]> push = registry.send("POST", "/v2/app/blobs/uploads/?digest=" + Digest.of(blob), blob,
        "Authorization", auth);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    assertThat(push.statusCode()).isEqualTo(201);
    assertThat(registry.get("/v2/", "Authorization", auth).statusCode()).as("remembered").isEqualTo(200);
  }

  @Test
  void withoutHtpasswdEveryoneIsLetIn() throws IOException {
    try (RegistryFixture open = RegistryFixture.start(dir.resolve("open"))) {
      HttpResponse<byte[]> r = open.get("/v2/");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    }
  }

  @Test
  void nonBcryptEntriesAreRefusedAtStart() throws IOException {
    Path md5 = Files.writeString(dir.resolve("md5"), "bob:$apr1$abc$def\n");

    assertThatThrownBy(() -> Htpasswd.load(md5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
