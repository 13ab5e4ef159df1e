package io.wharf.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.image.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthTest {
  private FakeRegistry registry;
  private FakeTokenServer tokens;

  @BeforeEach
  void start() throws IOException {
    registry = FakeRegistry.start();
  }

  @AfterEach
  void stop() {
    registry.close();
    if (tokens != null) {
      tokens.close();
    }
  }

  private RegistryClient client(Credentials credentials) {
    return new RegistryClient(RegistryConfig.defaults().withCredentials(credentials));
  }

  private Credentials alice(String password) {
    return Credentials.of(registry.host(), Auth.basic("alice", password));
  }

  @Test
  void anonymousBearerTokenIsFetchedFromTheRealmForThePullScope() throws IOException {
    tokens = FakeTokenServer.anonymous();
    registry.requireBearer(tokens);
    TestImage image = TestImage.oci(1);
    image.pushTo(registry, "app", "latest");

    try (RegistryClient client = client(Credentials.none())) {
      assertThat(client.resolve(registry.ref("app")).manifestDigest()).isEqualTo(image.digest());
    }

    FakeRegistry.Request tokenRequest = tokens.requests.getFirst();
    assertThat(tokenRequest.uri()).contains("service=" + FakeTokenServer.SERVICE).contains("scope=repository%3Aapp%3Apull");
    assertThat(tokenRequest.header("Authorization")).isNull();
    assertThat(registry.requests("GET", "/v2/app/manifests/latest").getFirst().header("Authorization")).isEqualTo("Bearer token-1");
  }

  @Test
  void bearerTokenIsFetchedWithBasicCredentials() throws IOException {
    tokens = FakeTokenServer.withUser("alice", "secret", false);
    registry.requireBearer(tokens);
    TestImage.oci(2).pushTo(registry, "app", "latest");

    try (RegistryClient client = client(alice("secret"))) {
      client.resolve(registry.ref("app"));
    }

    FakeRegistry.Request tokenRequest = tokens.requests.getFirst();
    assertThat(tokenRequest.header("Authorization")).startsWith("Basic ");
    assertThat(tokenRequest.uri()).contains("account=alice");
  }

  @Test
  void tokenIsCachedPerScope() throws IOException {
    tokens = FakeTokenServer.anonymous();
    registry.requireBearer(tokens);
    TestImage image = TestImage.oci(3);
    image.pushTo(registry, "app", "latest");
    image.pushTo(registry, "other", "latest");

    try (RegistryClient client = client(Credentials.none())) {
      ResolvedImage resolved = client.resolve(registry.ref("app"));
      client.fetchBlob(registry.ref("app"), resolved.config(), 0, OutputStream.nullOutputStream());
      client.fetchBlob(registry.ref("app"), resolved.layers().getFirst(), 0, OutputStream.nullOutputStream());
      client.resolve(registry.ref("other"));
    }

    assertThat(tokens.requests).hasSize(2);
    assertThat(tokens.requests.get(1).uri()).contains("scope=repository%3Aother%3Apull");
  }

  @Test
  void wrongPasswordIsRefusedInTheTokenServersWords() throws IOException {
    tokens = FakeTokenServer.withUser("alice", "secret", true);
    registry.requireBearer(tokens);

    try (RegistryClient client = client(alice("wrong"))) {
      assertThatThrownBy(() -> client.resolve(registry.ref("app")))
          .isInstanceOf(RegistryAuthException.class)
          .hasMessage("unauthorized: incorrect username or password");
    }
  }

  @Test
  void basicChallengeIsAnsweredWithTheCredentials() throws IOException {
    registry.requireBasic("alice", "secret");
    TestImage image = TestImage.docker(4);
    image.pushTo(registry, "app", "latest");

    try (RegistryClient client = client(alice("secret"))) {
      assertThat(client.resolve(registry.ref("app")).manifestDigest()).isEqualTo(image.digest());
    }

    assertThat(registry.requests("GET", "/v2/app/manifests/").getFirst().header("Authorization")).isEqualTo(Auth.basic("alice", "secret").basicHeader());
  }

  @Test
  void basicChallengeWithoutCredentialsIsGosNoBasicAuthCredentials() throws IOException {
    registry.requireBasic("alice", "secret");

    try (RegistryClient client = client(Credentials.none())) {
      assertThatThrownBy(() -> client.resolve(registry.ref("app")))
          .isInstanceOf(RegistryAuthException.class)
          .hasMessage("no basic auth credentials");
    }
  }

  @Test
  void refusedBasicCredentialsAreAuthenticationRequired() throws IOException {
    registry.requireBasic("alice", "secret");

    try (RegistryClient client = client(alice("wrong"))) {
      assertThatThrownBy(() -> client.blobExists(registry.ref("app"), TestImage.oci(5).digest()))
          .isInstanceOf(RegistryAuthException.class)
          .hasMessageContaining("unauthorized");
    }
  }

  @Test
  void pingChecksTheCredentialsLikeALogin() throws IOException {
    tokens = FakeTokenServer.withUser("alice", "secret", true);
    registry.requireBearer(tokens);

    try (RegistryClient client = client(alice("secret"))) {
      client.ping(registry.host());
    }
    try (RegistryClient client = client(alice("wrong"))) {
      assertThatThrownBy(() -> client.ping(registry.host())).isInstanceOf(RegistryAuthException.class);
    }
  }

  @Test
  void pingWithBasicAuth() throws IOException {
    registry.requireBasic("alice", "secret");

    try (RegistryClient client = client(alice("secret"))) {
      client.ping(registry.host());
    }
    try (RegistryClient client = client(alice("wrong"))) {
      assertThatThrownBy(() -> client.ping(registry.host()))
          .isInstanceOf(RegistryAuthException.class)
          .hasMessage("unauthorized: authentication required");
    }
  }

  @Test
  void pushAsksForPushScopeAndAnonymousTokensDoNotGrantIt() throws IOException {
    tokens = FakeTokenServer.anonymous();
    registry.requireBearer(tokens);
    byte[] manifest = TestImage.oci(6).manifest();

    try (RegistryClient client = client(Credentials.none())) {
      assertThatThrownBy(() -> client.pushManifest(registry.ref("app:1"), manifest, MediaTypes.OCI_MANIFEST))
          .isInstanceOf(RegistryAuthException.class)
          .hasMessage("unauthorized: authentication required");
    }

    assertThat(tokens.requests).extracting(FakeRegistry.Request::uri).allMatch(uri -> uri.contains("scope=repository%3Aapp%3Apull%2Cpush"));
  }

  @Test
  void mountAsksForPullOnTheSourceRepositoryToo() throws IOException {
    tokens = FakeTokenServer.withUser("alice", "secret", false);
    registry.requireBearer(tokens);
    byte[] layer = TestImage.oci(7).layers().getFirst();
    registry.putBlob("base", layer);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, io.wharf.oci.Digest.of(layer), layer.length);

    try (RegistryClient client = client(alice("secret"))) {
      assertThat(client.pushBlob(registry.ref("app"), blob, () -> new ByteArrayInputStream(layer), "base")).isFalse();
    }

    assertThat(registry.blob("app", blob.digest())).isEqualTo(layer);
    assertThat(tokens.requests).hasSize(1);
    assertThat(tokens.requests.getFirst().uri()).contains("scope=repository%3Aapp%3Apull%2Cpush", "scope=repository%3Abase%3Apull");
    assertThat(registry.requests("POST", "/v2/app/blobs/uploads/")).extracting(FakeRegistry.Request::uri)
        .containsExactly("/v2/app/blobs/uploads/?mount=" + blob.digest() + "&from=base");
  }

  @Test
  void loginTokenForAnIdentityTokenIsFetchedByOauth2Post() throws IOException {
    tokens = FakeTokenServer.anonymous();
    registry.requireBearer(tokens);

    try (RegistryClient client = client(Credentials.of(registry.host(), new Auth(null, null, "refresh-me")))) {
      client.ping(registry.host());
    }

    assertThat(tokens.requests).extracting(FakeRegistry.Request::method).containsExactly("POST");
    assertThat(List.of(tokens.requests.getFirst().header("Content-Type"))).containsExactly("application/x-www-form-urlencoded");
  }
}
