package io.wharf.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Literal addresses and names in the insecure list only: deciding must not need DNS here. */
class EndpointsTest {
  private static Endpoints endpoints(Set<String> insecure, List<String> mirrors) {
    return new Endpoints(new RegistryConfig(insecure, mirrors, Credentials.none(), Duration.ofSeconds(5)));
  }

  @Test
  void dockerHubIsRegistry1AfterTheMirrorsWhenPulling() {
    try (Endpoints endpoints = endpoints(Set.of(), List.of("https://mirror.example/"))) {
      assertThat(endpoints.forPull("docker.io")).extracting(Endpoints.Candidate::bases).containsExactly(
          List.of(URI.create("https://mirror.example")), List.of(URI.create("https://registry-1.docker.io")));
      assertThat(endpoints.forPull("index.docker.io").getFirst().mirror()).isTrue();
      assertThat(endpoints.primary("docker.io").bases()).containsExactly(URI.create("https://registry-1.docker.io"));
      assertThat(endpoints.forPull("203.0.113.7:443")).hasSize(1);
    }
  }

  @Test
  void otherRegistriesAreHttpsOnly() {
    try (Endpoints endpoints = endpoints(Set.of(), List.of())) {
      assertThat(endpoints.primary("203.0.113.7:443").bases()).containsExactly(URI.create("https://203.0.113.7:443"));
    }
  }

  @Test
  void loopbackAndInsecureRegistriesFallBackToHttp() {
    try (Endpoints endpoints = endpoints(Set.of("registry.internal:5000", "10.0.0.0/8"), List.of())) {
      for (String registry : List.of("localhost:5000", "127.0.0.1:5000", "[::1]:5000", "registry.internal:5000", "10.1.2.3:5000")) {
        assertThat(endpoints.primary(registry).bases()).as(registry)
            .containsExactly(URI.create("https://" + registry), URI.create("http://" + registry));
      }
      assertThat(endpoints.primary("203.0.113.7:5000").bases()).hasSize(1);
      assertThat(endpoints.primary("11.1.2.3:5000").bases()).hasSize(1);
    }
  }
}
