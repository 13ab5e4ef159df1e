package io.wharf.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeTest {
  @Test
  void dockerHubsBearerChallengeIsParsed() {
    Challenge challenge = Challenge.select(List.of(
        "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/busybox:pull,push\""));

    assertThat(challenge.isBearer()).isTrue();
    assertThat(challenge.param("realm")).isEqualTo("https://auth.docker.io/token");
    assertThat(challenge.param("service")).isEqualTo("registry.docker.io");
    assertThat(challenge.param("scope")).isEqualTo("repository:library/busybox:pull,push");
  }

  @Test
  void bearerIsPreferredOverBasicInOneHeaderOrSeveral() {
    assertThat(Challenge.select(List.of("Basic realm=\"r\", Bearer realm=\"https://t\"")).scheme()).isEqualTo("bearer");
    assertThat(Challenge.select(List.of("Basic realm=\"r\"", "bearer realm=https://t")).param("realm")).isEqualTo("https://t");
  }

  @Test
  void basicChallengeAndQuotedEscapes() {
    Challenge challenge = Challenge.select(List.of("Basic realm=\"say \\\"hi\\\"\""));

    assertThat(challenge.scheme()).isEqualTo("basic");
    assertThat(challenge.param("realm")).isEqualTo("say \"hi\"");
  }

  @Test
  void unknownSchemesAreNoChallenge() {
    assertThat(Challenge.select(List.of("Negotiate", ""))).isNull();
  }
}
