package io.wharf.cli.auth;

import io.wharf.oci.ImageReference;

/**
 * The names credentials are kept under, as the docker CLI chooses them: Docker Hub's legacy
 * URL {@code https://index.docker.io/v1/}, and {@code host[:port]} for every other registry.
 * Stateless.
 */
public final class RegistryKeys {
  /** Docker Hub's key in {@code config.json} ({@code registry.IndexServer}). */
  public static final String INDEX_SERVER = "https://index.docker.io/v1/";

  private RegistryKeys() {}

  /** The key for the registry of {@code reference}: a Docker Hub name → {@link #INDEX_SERVER}. */
  public static String forReference(ImageReference reference) {
    return reference.domain().equals(ImageReference.DOCKER_HUB) ? INDEX_SERVER : reference.domain();
  }

  /**
   * The key {@code docker login SERVER} uses: Docker Hub when no server, or {@code docker.io},
   * is given; otherwise the server as typed.
   */
  public static String forLogin(String server) {
    return server == null || server.isEmpty() || server.equals("docker.io") ? INDEX_SERVER : server;
  }

  /**
   * The host of a server address, as docker's {@code credentials.ConvertToHostname}:
   * scheme and path stripped ({@code https://r.example.com/v2/} → {@code r.example.com}).
   */
  public static String hostname(String server) {
    String host = server;
    if (host.startsWith("http://")) {
      host = host.substring(7);
    } else if (host.startsWith("https://")) {
      host = host.substring(8);
    }
    int slash = host.indexOf('/');
    return slash < 0 ? host : host.substring(0, slash);
  }
}
