package io.wharf.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers challenges: Basic credentials for {@code Basic}, and for {@code Bearer} a token from
 * the realm (Docker's token authentication: {@code GET realm?service=…&scope=…}, anonymous or
 * with Basic credentials; an identity token is exchanged by OAuth2 {@code POST}). Tokens are
 * cached per endpoint and scope until {@code expires_in} runs out. Thread-safe.
 */
final class Tokens {
  /** The spec's default lifetime, and its minimum. */
  private static final Duration MIN_LIFETIME = Duration.ofSeconds(60);
  /** Renew a little early, so that a token does not expire between cache and registry. */
  private static final Duration MARGIN = Duration.ofSeconds(5);

  private record Token(String value, Instant expires) {}

  private final Endpoints endpoints;
  private final Credentials credentials;
  private final Map<String, Token> cache = new ConcurrentHashMap<>();

  Tokens(Endpoints endpoints, Credentials credentials) {
    this.endpoints = endpoints;
    this.credentials = credentials;
  }

  /**
   * The {@code Authorization} header that answers {@code challenge} for {@code scopes}, or
   * null when there is no challenge or nothing to answer a Basic one with. {@code refresh}
   * ignores the cache: the registry just refused the cached token.
   */
  String authorization(Endpoint endpoint, Challenge challenge, Scopes scopes, boolean refresh) throws IOException {
    if (challenge == null) {
      return null;
    }
    Optional<Auth> auth = credentials.forRegistry(endpoint.registry());
    if (!challenge.isBearer()) {
      return auth.filter(a -> a.username() != null).map(Auth::basicHeader).orElse(null);
    }
    // The user is part of the key: a login as someone else must not reuse the old user's token.
    String key = endpoint.base().getRawAuthority() + " " + challenge.param("realm") + " " + scopes.key()
        + " " + auth.map(Auth::username).orElse("");
    Token token = cache.get(key);
    if (token == null || refresh || Instant.now().isAfter(token.expires())) {
      token = fetch(challenge, scopes, auth);
      cache.put(key, token);
    }
    return "Bearer " + token.value();
  }

  private Token fetch(Challenge challenge, Scopes scopes, Optional<Auth> auth) throws IOException {
    String realm = challenge.param("realm");
    if (realm == null || !(realm.startsWith("https://") || realm.startsWith("http://"))) {
      throw new RegistryAuthException(0, null, "unauthorized: the registry's token realm is not an http(s) URL: " + realm);
    }
    List<String> scopeList = scopes.values();
    if (scopeList.isEmpty() && challenge.param("scope") != null) {
      scopeList = List.of(challenge.param("scope"));
    }
    HttpRequest request = auth.map(Auth::identityToken).isPresent()
        ? refreshRequest(realm, challenge.param("service"), scopeList, auth.get().identityToken())
        : getRequest(realm, challenge.param("service"), scopeList, auth);
    HttpResponse<InputStream> response;
    try {
      response = endpoints.clientFor(request.uri()).send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching a token from " + realm);
    }
    if (response.statusCode() != 200) {
      throw ErrorResponses.of(response, auth.isPresent()
          ? "unauthorized: incorrect username or password"
          : "unauthorized: authentication required");
    }
    try (InputStream in = response.body()) {
      JsonNode body = Json.MAPPER.readTree(in.readNBytes(1 << 20));
      String value = body.path("token").asText("");
      if (value.isEmpty()) {
        value = body.path("access_token").asText("");
      }
      if (value.isEmpty()) {
        throw new RegistryAuthException(0, null, "unauthorized: the token server at " + realm + " sent no token");
      }
      Duration lifetime = Duration.ofSeconds(Math.max(body.path("expires_in").asLong(0), MIN_LIFETIME.toSeconds()));
      return new Token(value, Instant.now().plus(lifetime).minus(MARGIN));
    }
  }

  private HttpRequest getRequest(String realm, String service, List<String> scopes, Optional<Auth> auth) {
    List<String> query = new ArrayList<>();
    if (service != null) {
      query.add("service=" + encode(service));
    }
    scopes.forEach(scope -> query.add("scope=" + encode(scope)));
    auth.map(Auth::username).ifPresent(user -> query.add("account=" + encode(user)));
    String uri = realm + (query.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + String.join("&", query));
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri)).timeout(endpoints.timeout()).GET();
    auth.filter(a -> a.username() != null).ifPresent(a -> builder.header("Authorization", a.basicHeader()));
    return builder.build();
  }

  /** OAuth2's refresh-token grant, what Docker does with an identity token. */
  private HttpRequest refreshRequest(String realm, String service, List<String> scopes, String refreshToken) {
    String form = "grant_type=refresh_token&client_id=wharf&refresh_token=" + encode(refreshToken)
        + (service == null ? "" : "&service=" + encode(service))
        + (scopes.isEmpty() ? "" : "&scope=" + encode(String.join(" ", scopes)));
    return HttpRequest.newBuilder(URI.create(realm))
        .timeout(endpoints.timeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
