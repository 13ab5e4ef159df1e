package io.wharf.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading docker's config.json as the docker CLI reads it. */
class DockerConfigFileTest {
  @TempDir Path dir;

  private DockerConfigFile load(String json) throws IOException {
    Files.writeString(dir.resolve("config.json"), json);
    return DockerConfigFile.load(dir.resolve("config.json"), "");
  }

  @Test
  void aServerStoredWithSchemeOrPathIsFoundByItsHost() throws IOException {
    String auth = Base64.getEncoder().encodeToString("u:p:with:colons".getBytes());
    DockerConfigFile config = load("{\"auths\":{\"https://r.example.com/v2/\":{\"auth\":\"" + auth + "\"}}}");

    assertThat(config.get("r.example.com")).contains(new AuthConfig("u", "p:with:colons", "", "r.example.com"));
    assertThat(config.get("other.example.com")).isEmpty();
  }

  @Test
  void noFileAndEmptyEntriesMeanNoCredentials() throws IOException {
    assertThat(DockerConfigFile.load(dir.resolve("none.json"), "").get(RegistryKeys.INDEX_SERVER)).isEmpty();
    assertThat(load("{\"auths\":{\"https://index.docker.io/v1/\":{}}}").get(RegistryKeys.INDEX_SERVER)).isEmpty();
  }

  @Test
  void aBrokenFileIsAnError() throws IOException {
    assertThatThrownBy(() -> load("{\"auths\":").get("x")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> load("{\"auths\":{\"x\":{\"auth\":\"bm9jb2xvbg==\"}}}").get("x"))
        .hasMessage("invalid auth configuration file");
  }

  @Test
  void theLocationFollowsDockerConfigThenHome() {
    assertThat(DockerConfigFile.location(java.util.Map.of("DOCKER_CONFIG", "/d", "HOME", "/h"))).isEqualTo(Path.of("/d/config.json"));
    assertThat(DockerConfigFile.location(java.util.Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.docker/config.json"));
  }
}
