package io.wharf.registry.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Sends one request to a registry endpoint and answers its challenge: the token or
 * credentials the ping's challenge calls for are sent up front, and a 401 is answered once
 * more with the challenge it carries (a new scope, an expired token) before it becomes a
 * {@link RegistryAuthException}. Redirects of {@code GET} and {@code HEAD} (to blob storage)
 * are followed, with {@code Authorization} only to the registry's own origin. Thread-safe.
 */
final class Transport {
  private static final String USER_AGENT = "wharf/0.1";
  private static final int MAX_REDIRECTS = 10;

  /**
   * A request, repeatable: {@code body} must publish the same bytes each time it is
   * subscribed to (a retry after a 401 sends it again). Immutable.
   *
   * @param timed whether the response's headers must come within the timeout (not for
   *     uploads, whose response follows the whole body)
   */
  record Call(String method, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body, boolean timed) {
    Call {
      headers = Map.copyOf(headers);
    }

    static Call of(String method, URI uri, Map<String, String> headers) {
      return new Call(method, uri, headers, null, true);
    }
  }

  private final Endpoints endpoints;
  private final Tokens tokens;

  Transport(Endpoints endpoints, Tokens tokens) {
    this.endpoints = endpoints;
    this.tokens = tokens;
  }

  /**
   * The response to {@code call}, authorized for {@code scopes}, after redirects. The caller
   * closes its body. A 401 that survives the challenge is thrown; other statuses are the
   * caller's to judge.
   */
  HttpResponse<InputStream> send(Endpoint endpoint, Scopes scopes, Call call) throws IOException {
    String authorization = tokens.authorization(endpoint, endpoint.challenge(), scopes, false);
    HttpResponse<InputStream> response = exchange(endpoint, call, call.uri(), authorization);
    if (response.statusCode() == 401) {
      Challenge challenge = Challenge.select(response.headers().allValues("WWW-Authenticate"));
      String retry = tokens.authorization(endpoint, challenge, scopes, true);
      if (retry == null && challenge != null && !challenge.isBearer()) {
        discard(response);
        throw new RegistryAuthException(401, "UNAUTHORIZED", "no basic auth credentials"); // Go's words
      }
      if (retry == null || retry.equals(authorization)) {
        throw ErrorResponses.of(response, "unauthorized: authentication required");
      }
      discard(response);
      authorization = retry;
      response = exchange(endpoint, call, call.uri(), authorization);
      if (response.statusCode() == 401) {
        throw ErrorResponses.of(response, "unauthorized: authentication required");
      }
    }
    return followRedirects(endpoint, call, response, authorization);
  }

  private HttpResponse<InputStream> followRedirects(
      Endpoint endpoint, Call call, HttpResponse<InputStream> first, String authorization) throws IOException {
    HttpResponse<InputStream> response = first;
    URI uri = call.uri();
    boolean safe = call.method().equals("GET") || call.method().equals("HEAD");
    for (int hops = 0; safe && isRedirect(response.statusCode()); hops++) {
      String location = response.headers().firstValue("Location").orElse(null);
      discard(response);
      if (location == null || hops == MAX_REDIRECTS) {
        throw new IOException(verb(call) + " \"" + uri + "\": " + (location == null ? "redirect without a Location" : "stopped after " + MAX_REDIRECTS + " redirects"));
      }
      try {
        uri = uri.resolve(location);
      } catch (IllegalArgumentException e) {
        throw new IOException(verb(call) + " \"" + uri + "\": bad redirect location " + location, e);
      }
      response = exchange(endpoint, call, uri, authorization);
    }
    return response;
  }

  private HttpResponse<InputStream> exchange(Endpoint endpoint, Call call, URI uri, String authorization) throws IOException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody() : call.body())
        .header("User-Agent", USER_AGENT);
    call.headers().forEach(builder::header);
    boolean own = sameOrigin(uri, endpoint.base());
    // Blob storage gets a signed URL, never the registry's token: Docker drops it too.
    if (authorization != null && own) {
      builder.header("Authorization", authorization);
    }
    if (call.timed()) {
      builder.timeout(endpoints.timeout());
    }
    HttpClient client = own ? endpoint.client() : endpoints.clientFor(uri);
    try {
      return client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(verb(call) + " \"" + uri + "\": interrupted");
    } catch (IOException e) {
      throw new IOException(verb(call) + " \"" + uri + "\": " + describe(e), e);
    }
  }

  /** Throws the registry's error unless the status is one of {@code expected}. */
  static void expect(HttpResponse<InputStream> response, int... expected) throws RegistryException {
    for (int status : expected) {
      if (response.statusCode() == status) {
        return;
      }
    }
    throw ErrorResponses.of(response, null);
  }

  /** Like {@link #expect}, and closes the body of an expected response, which is not needed. */
  static void complete(HttpResponse<InputStream> response, int... expected) throws RegistryException {
    expect(response, expected);
    discard(response);
  }

  /** Closes a body that is not needed. */
  static void discard(HttpResponse<InputStream> response) {
    InputStream in = response.body();
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // the connection is dropped: nothing left to release
      }
    }
  }

  /** Go's words for an HTTPS request a server answered in plain HTTP. */
  static final String HTTP_TO_HTTPS = "http: server gave HTTP response to HTTPS client";

  /** A failure as Go prints it after the request: the message, or what kind of failure. */
  static String describe(Throwable failure) {
    if (failure instanceof ConnectException && failure.getMessage() == null) {
      return "connect: connection refused";
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof javax.net.ssl.SSLException && message.contains("nrecognized SSL message")) {
        return HTTP_TO_HTTPS; // the server answered the handshake in plain HTTP
      }
      if (t instanceof javax.net.ssl.SSLHandshakeException && message.contains("PKIX path")) {
        return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
      }
      if (t instanceof javax.net.ssl.SSLHandshakeException && message.contains("subject alternative")) {
        return "tls: failed to verify certificate: x509: certificate is not valid for this host (" + message + ")";
      }
    }
    return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && Objects.equals(a.getRawAuthority(), b.getRawAuthority());
  }

  /** {@code Get}, {@code Head}: how Go names a request in its errors. */
  private static String verb(Call call) {
    String method = call.method();
    return method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
  }
}
