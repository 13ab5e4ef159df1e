package io.wharf.registry.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link RegistryClient} reaches registries: the daemon's {@code insecure-registries}
 * and {@code registry-mirrors}, where credentials come from, and how long to wait. Immutable.
 *
 * @param insecureRegistries registries allowed without a verified certificate and over plain
 *     HTTP: {@code host[:port]} as in a reference's domain, or a CIDR ({@code 10.0.0.0/8});
 *     loopback registries are always allowed, as Docker does
 * @param mirrors base URLs ({@code https://mirror.gcr.io}) tried in order before Docker Hub
 *     when pulling from {@code docker.io}
 * @param credentials the credentials to answer a registry's challenge with
 * @param timeout the limit for connecting and for each response's headers (blob bodies
 *     stream for as long as they take)
 */
public record RegistryConfig(Set<String> insecureRegistries, List<String> mirrors, Credentials credentials, Duration timeout) {
  public RegistryConfig {
    insecureRegistries = Set.copyOf(insecureRegistries);
    mirrors = List.copyOf(mirrors);
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** No insecure registries besides loopback, no mirrors, no credentials, a 30 s timeout. */
  public static RegistryConfig defaults() {
    return new RegistryConfig(Set.of(), List.of(), Credentials.none(), Duration.ofSeconds(30));
  }

  /** This configuration with {@code newCredentials}. */
  public RegistryConfig withCredentials(Credentials newCredentials) {
    return new RegistryConfig(insecureRegistries, mirrors, newCredentials, timeout);
  }
}
