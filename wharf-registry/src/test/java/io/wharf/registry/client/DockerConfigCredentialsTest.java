package io.wharf.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {
  /** A credential helper knowing one server, storing to stored.json and erasing to erased. */
  private static final String HELPER = """
      #!/bin/sh
      dir=$(dirname "$0")
      case "$1" in
        get)
          read -r server
          case "$server" in
            registry.example:5000) printf '{"ServerURL":"%s","Username":"helper-user","Secret":"helper-secret"}\\n' "$server" ;;
            tokens.example) printf '{"ServerURL":"%s","Username":"<token>","Secret":"refresh"}\\n' "$server" ;;
            *) echo "credentials not found in native keychain"; exit 1 ;;
          esac ;;
        store) cat > "$dir/stored.json" ;;
        erase) read -r server; echo "$server" > "$dir/erased" ;;
      esac
      """;

  @TempDir
  Path dir;

  private Path config(String json) throws IOException {
    return Files.writeString(dir.resolve("config.json"), json);
  }

  private Path helperDir() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path helper = Files.writeString(bin.resolve("docker-credential-fake"), HELPER);
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void authsEntryIsDecoded() throws IOException {
    Path file = config("{\"auths\":{\"registry.example:5000\":{\"auth\":\"" + base64("bob:p:w") + "\"}}}");
    DockerConfigCredentials credentials = new DockerConfigCredentials(file, CredentialHelper.onPath(List.of()));

    assertThat(credentials.forRegistry("registry.example:5000")).contains(Auth.basic("bob", "p:w"));
    assertThat(credentials.forRegistry("other.example")).isEmpty();
  }

  @Test
  void dockerHubIsFoundUnderTheLegacyIndexUrl() throws IOException {
    Path file = config("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + base64("hubuser:pw") + "\"}}}");

    assertThat(new DockerConfigCredentials(file).forRegistry("docker.io")).contains(Auth.basic("hubuser", "pw"));
  }

  @Test
  void identityTokenEntryIsAnIdentityToken() throws IOException {
    Path file = config("{\"auths\":{\"ghcr.io\":{\"identitytoken\":\"refresh-me\"}}}");

    assertThat(new DockerConfigCredentials(file).forRegistry("ghcr.io")).contains(new Auth(null, null, "refresh-me"));
  }

  @Test
  void missingFileHasNoCredentials() throws IOException {
    assertThat(new DockerConfigCredentials(dir.resolve("absent.json")).forRegistry("docker.io")).isEmpty();
  }

  @Test
  void credHelperIsRunWithTheServerOnStdin() throws IOException {
    Path file = config("""
        {"credHelpers":{"registry.example:5000":"fake"},
         "auths":{"other.example":{"auth":"%s"}}}""".formatted(base64("carol:pw")));
    DockerConfigCredentials credentials = new DockerConfigCredentials(file, CredentialHelper.onPath(List.of(helperDir())));

    assertThat(credentials.forRegistry("registry.example:5000")).contains(Auth.basic("helper-user", "helper-secret"));
    assertThat(credentials.forRegistry("other.example")).contains(Auth.basic("carol", "pw"));
  }

  @Test
  void credsStoreServesEveryRegistry() throws IOException {
    Path file = config("{\"credsStore\":\"fake\",\"auths\":{\"registry.example:5000\":{}}}");
    DockerConfigCredentials credentials = new DockerConfigCredentials(file, CredentialHelper.onPath(List.of(helperDir())));

    assertThat(credentials.forRegistry("registry.example:5000")).contains(Auth.basic("helper-user", "helper-secret"));
    assertThat(credentials.forRegistry("tokens.example")).contains(new Auth(null, null, "refresh"));
    assertThat(credentials.forRegistry("unknown.example")).isEmpty();
  }

  @Test
  void missingHelperIsAnErrorInTheDockerClisWords() throws IOException {
    Path file = config("{\"credsStore\":\"desktop\"}");
    DockerConfigCredentials credentials = new DockerConfigCredentials(file, CredentialHelper.onPath(List.of(dir)));

    assertThatThrownBy(() -> credentials.forRegistry("docker.io"))
        .isInstanceOf(IOException.class)
        .hasMessage("error getting credentials - err: exec: \"docker-credential-desktop\": executable file not found in $PATH");
  }

  @Test
  void storeWritesABase64AuthEntryAndEraseRemovesIt() throws IOException {
    Path file = config("{\"auths\":{},\"psFormat\":\"table\"}");
    DockerConfigCredentials credentials = new DockerConfigCredentials(file, CredentialHelper.onPath(List.of()));

    credentials.store("docker.io", Auth.basic("dave", "pw"));

    JsonNode written = Json.MAPPER.readTree(file.toFile());
    assertThat(written.path("auths").path("https://index.docker.io/v1/").path("auth").asText()).isEqualTo(base64("dave:pw"));
    assertThat(written.path("psFormat").asText()).as("other settings are kept").isEqualTo("table");
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(credentials.forRegistry("index.docker.io")).contains(Auth.basic("dave", "pw"));

    credentials.erase("docker.io");

    assertThat(credentials.forRegistry("docker.io")).isEmpty();
  }

  @Test
  void storeAndEraseGoToTheHelperWhenOneIsConfigured() throws IOException {
    Path file = config("{\"credsStore\":\"fake\"}");
    List<String> calls = new ArrayList<>();
    CredentialHelper recording = new CredentialHelper() {
      @Override
      public Optional<Auth> get(String name, String serverUrl) {
        calls.add("get " + name + " " + serverUrl);
        return Optional.empty();
      }

      @Override
      public void store(String name, String serverUrl, Auth auth) {
        calls.add("store " + name + " " + serverUrl + " " + auth.username());
      }

      @Override
      public void erase(String name, String serverUrl) {
        calls.add("erase " + name + " " + serverUrl);
      }
    };
    DockerConfigCredentials credentials = new DockerConfigCredentials(file, recording);

    credentials.store("localhost:5000", Auth.basic("erin", "pw"));
    credentials.erase("localhost:5000");

    assertThat(calls).containsExactly("store fake localhost:5000 erin", "erase fake localhost:5000");
    assertThat(Files.readString(file)).doesNotContain("pw");
  }

  @Test
  void helperProcessReceivesStoreAsJson() throws IOException {
    Path bin = helperDir();
    CredentialHelper.onPath(List.of(bin)).store("fake", "registry.example:5000", Auth.basic("frank", "s3cret"));

    JsonNode stored = Json.MAPPER.readTree(bin.resolve("stored.json").toFile());
    assertThat(stored.path("ServerURL").asText()).isEqualTo("registry.example:5000");
    assertThat(stored.path("Username").asText()).isEqualTo("frank");
    assertThat(stored.path("Secret").asText()).isEqualTo("s3cret");
  }
}
