package io.wharf.registry.client;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the credentials for a registry come from: {@link DockerConfigCredentials} for the
 * docker CLI's {@code config.json}, {@link #of} for what {@code docker login} just sent.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Credentials {
  /**
   * The credentials for {@code registry}, a reference's domain ({@code docker.io},
   * {@code ghcr.io}, {@code localhost:5000}); empty to go anonymous.
   */
  Optional<Auth> forRegistry(String registry) throws IOException;

  /** No credentials for any registry. */
  static Credentials none() {
    return registry -> Optional.empty();
  }

  /** {@code auth} for {@code registry} only (Docker Hub's aliases included), none elsewhere. */
  static Credentials of(String registry, Auth auth) {
    String key = Hosts.normalize(registry);
    return host -> key.equals(Hosts.normalize(host)) ? Optional.of(auth) : Optional.empty();
  }
}
