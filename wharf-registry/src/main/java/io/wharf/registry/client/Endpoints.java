package io.wharf.registry.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Chooses where a registry's API is reached, as Docker does ({@code registry/service.go}):
 * Docker Hub at {@code https://registry-1.docker.io}, after the mirrors when pulling; any
 * other registry over HTTPS; an insecure or loopback registry over HTTPS without certificate
 * checks, else over plain HTTP. Each endpoint is pinged once ({@code GET /v2/}) and
 * remembered with the challenge it answered. Thread-safe.
 */
final class Endpoints implements AutoCloseable {
  private final HttpClient secure;
  private final HttpClient insecureClient;
  private final InsecureRegistries insecure;
  private final List<URI> mirrors = new ArrayList<>();
  private final Duration timeout;
  private final Map<Candidate, Endpoint> opened = new ConcurrentHashMap<>();

  /**
   * Where a registry may be: one base URL, or HTTPS then HTTP for an insecure registry.
   * Immutable.
   */
  record Candidate(String registry, List<URI> bases, boolean mirror) {}

  Endpoints(RegistryConfig config) {
    timeout = config.timeout();
    insecure = new InsecureRegistries(config.insecureRegistries());
    secure = client(Tls.hostTrust());
    insecureClient = client(Tls.trustAll());
    for (String mirror : config.mirrors()) {
      String trimmed = mirror.trim();
      mirrors.add(URI.create(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed));
    }
  }

  private HttpClient client(javax.net.ssl.SSLContext tls) {
    // HTTP/1.1: what registries are tested with; blobs stream without HTTP/2 flow control.
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout)
        .sslContext(tls)
        .build();
  }

  Duration timeout() {
    return timeout;
  }

  /** Where to pull from: the mirrors first for Docker Hub, then the registry itself. */
  List<Candidate> forPull(String registry) {
    String name = Hosts.normalize(registry);
    List<Candidate> candidates = new ArrayList<>();
    if (name.equals(Hosts.HUB)) {
      mirrors.forEach(mirror -> candidates.add(new Candidate(name, List.of(mirror), true)));
    }
    candidates.add(primary(name));
    return candidates;
  }

  /** The registry itself: where to push, log in, or check a blob. */
  Candidate primary(String registry) {
    String name = Hosts.normalize(registry);
    if (name.equals(Hosts.HUB)) {
      return new Candidate(name, List.of(Hosts.HUB_ENDPOINT), false);
    }
    URI https = URI.create("https://" + name);
    if (insecure.contains(name)) {
      return new Candidate(name, List.of(https, URI.create("http://" + name)), false);
    }
    return new Candidate(name, List.of(https), false);
  }

  /** The HTTP client for {@code uri}: one that skips certificate checks for insecure hosts. */
  HttpClient clientFor(URI uri) {
    return uri.getScheme().equals("https") && insecure.contains(uri.getRawAuthority()) ? insecureClient : secure;
  }

  /** The candidate's endpoint, pinged the first time. */
  Endpoint open(Candidate candidate) throws IOException {
    Endpoint endpoint = opened.get(candidate);
    if (endpoint == null) {
      endpoint = ping(candidate);
      opened.put(candidate, endpoint);
    }
    return endpoint;
  }

  /** The candidate's endpoint, pinged now (for a login, which must see the registry's answer). */
  Endpoint ping(Candidate candidate) throws IOException {
    if (candidate.bases().size() == 1) {
      URI base = candidate.bases().getFirst();
      return endpoint(candidate, base, await(secure(base), base));
    }
    return probe(candidate, candidate.bases().get(0), candidate.bases().get(1));
  }

  /**
   * Docker tries HTTPS, then HTTP. Both are tried at once here: a plain-HTTP server may never
   * answer a TLS handshake (it waits for a request line), so waiting for HTTPS to fail first
   * would cost the whole timeout. HTTPS wins whenever it answers; HTTP wins as soon as it
   * answers with anything but 400, which is what a TLS port says to plain HTTP.
   */
  private Endpoint probe(Candidate candidate, URI https, URI http) throws IOException {
    CompletableFuture<HttpResponse<Void>> tls = send(https);
    CompletableFuture<HttpResponse<Void>> plain = send(http);
    CompletableFuture<Endpoint> choice = new CompletableFuture<>();
    tls.whenComplete((response, failure) -> {
      if (failure == null) {
        choice.complete(endpoint(candidate, https, response));
      } else {
        plain.whenComplete((fallback, plainFailure) -> {
          if (plainFailure == null) {
            choice.complete(endpoint(candidate, http, fallback));
          } else {
            plainFailure.addSuppressed(failure);
            choice.completeExceptionally(plainFailure);
          }
        });
      }
    });
    plain.thenAccept(response -> {
      if (response.statusCode() != 400) {
        choice.complete(endpoint(candidate, http, response));
      }
    });
    try {
      return await(choice, http);
    } finally {
      tls.cancel(true);
      plain.cancel(true);
    }
  }

  /**
   * The ping of {@code base}; for HTTPS that has not answered after {@link #DIAGNOSE_AFTER}, a
   * plain-HTTP ping of the same port tells whether the server speaks HTTP only, and ends the wait
   * with Go's words for that: such a server may never answer the TLS handshake, and the whole
   * timeout would pass. Nothing but that bare ping goes over plain HTTP.
   */
  private CompletableFuture<HttpResponse<Void>> secure(URI base) {
    CompletableFuture<HttpResponse<Void>> tls = send(base);
    if (!base.getScheme().equals("https")) {
      return tls;
    }
    CompletableFuture<HttpResponse<Void>> result = new CompletableFuture<>();
    tls.whenComplete((response, failure) -> {
      if (failure == null) {
        result.complete(response);
      } else {
        result.completeExceptionally(failure);
      }
    });
    CompletableFuture.delayedExecutor(DIAGNOSE_AFTER.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> {
      if (!result.isDone()) {
        send(URI.create("http://" + base.getRawAuthority())).thenAccept(plain -> {
          result.completeExceptionally(new IOException(Transport.HTTP_TO_HTTPS));
          tls.cancel(true);
        });
      }
    });
    return result;
  }

  private static final java.time.Duration DIAGNOSE_AFTER = java.time.Duration.ofSeconds(2);

  private CompletableFuture<HttpResponse<Void>> send(URI base) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v2/")).timeout(timeout).GET().build();
    return clientFor(base).sendAsync(request, HttpResponse.BodyHandlers.discarding());
  }

  private Endpoint endpoint(Candidate candidate, URI base, HttpResponse<Void> ping) {
    Challenge challenge = ping.statusCode() == 401 ? Challenge.select(ping.headers().allValues("WWW-Authenticate")) : null;
    return new Endpoint(candidate.registry(), base, clientFor(base), challenge, candidate.mirror());
  }

  /** The future's value; its failure in Go's wording: {@code Get "https://host/v2/": …}. */
  private static <T> T await(CompletableFuture<T> future, URI base) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while pinging " + base);
    } catch (CancellationException e) {
      throw new IOException("Get \"" + base + "/v2/\": cancelled", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new IOException("Get \"" + base + "/v2/\": " + Transport.describe(cause), cause);
    }
  }

  /** Aborts what is in flight: a registry client is closed when nothing needs it. */
  @Override
  public void close() {
    secure.shutdownNow();
    insecureClient.shutdownNow();
  }
}
