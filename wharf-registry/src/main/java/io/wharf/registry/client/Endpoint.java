package io.wharf.registry.client;

import java.net.URI;
import java.net.http.HttpClient;

/**
 * A registry's API as reached at one base URL, after a ping of {@code /v2/}. Immutable.
 *
 * @param registry the registry the references name ({@code docker.io}), whose credentials
 *     answer the challenge
 * @param base the URL the API is under, without a trailing slash
 *     ({@code https://registry-1.docker.io}, {@code http://127.0.0.1:5000})
 * @param client the HTTP client for {@code base} (one that skips certificate checks for an
 *     insecure registry)
 * @param challenge what the ping answered with a 401, or null when it needed no auth
 * @param mirror true for a {@code registry-mirrors} entry, which any failure falls back from
 */
record Endpoint(String registry, URI base, HttpClient client, Challenge challenge, boolean mirror) {
  /** {@code base} + {@code pathAndQuery} ({@code /v2/library/busybox/manifests/latest}). */
  URI uri(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }
}
