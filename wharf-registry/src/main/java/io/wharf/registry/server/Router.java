package io.wharf.registry.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution API's routes, in one table: each path pattern with the handler of each
 * method. Checks the credentials first when the registry has an htpasswd file, and maps
 * {@link RegistryException}s to the spec's error body, here and nowhere else. The name is
 * matched loosely ({@code .+}) and validated after, so that a bad name is {@code NAME_INVALID}
 * rather than an unknown path; matching is done on the raw path, so {@code %2e%2e} stays
 * {@code %2e%2e} and fails the name's grammar. Thread-safe.
 */
final class Router implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(Router.class.getName());
  static final String REALM = "Basic realm=\"Wharf Registry\"";
  /** How much of a refused request's body is read before the error is sent; see {@link #drain}. */
  private static final long DRAIN_LIMIT = 2L * ManifestStore.MAX_SIZE;

  @FunctionalInterface
  interface Handler {
    void handle(Exchange exchange) throws IOException;
  }

  private record Route(Pattern path, Map<String, Handler> methods) {}

  private final Htpasswd htpasswd;
  private final List<Route> routes;

  Router(Htpasswd htpasswd, ManifestRoutes manifests, BlobRoutes blobs, UploadRoutes uploads, DiscoveryRoutes discovery) {
    this.htpasswd = htpasswd;
    this.routes = List.of(
        route("/v2/?", Map.of("GET", Router::base, "HEAD", Router::base)),
        route("/v2/_catalog", Map.of("GET", discovery::catalog)),
        route("/v2/(?<name>.+)/tags/list", Map.of("GET", discovery::tags)),
        route("/v2/(?<name>.+)/referrers/(?<digest>[^/]+)", Map.of("GET", discovery::referrers)),
        route("/v2/(?<name>.+)/manifests/(?<reference>[^/]+)",
            Map.of("GET", manifests::get, "HEAD", manifests::get, "PUT", manifests::put, "DELETE", manifests::delete)),
        route("/v2/(?<name>.+)/blobs/uploads/?", Map.of("POST", uploads::start)),
        route("/v2/(?<name>.+)/blobs/uploads/(?<id>[^/]+)",
            Map.of("GET", uploads::status, "PATCH", uploads::patch, "PUT", uploads::finish, "DELETE", uploads::cancel)),
        route("/v2/(?<name>.+)/blobs/(?<digest>[^/]+)",
            Map.of("GET", blobs::get, "HEAD", blobs::get, "DELETE", blobs::delete)));
  }

  @Override
  public void handle(HttpExchange http) {
    try (http) {
      http.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
      try {
        dispatch(http);
      } catch (RegistryException e) {
        fail(http, e);
      } catch (IOException e) {
        // most often the client went away mid-body; the upload keeps its last whole chunk
        LOG.log(Level.FINE, "I/O error on " + http.getRequestMethod() + " " + http.getRequestURI(), e);
        fail(http, RegistryException.of(ErrorCode.UNKNOWN, e.getMessage()));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "failed " + http.getRequestMethod() + " " + http.getRequestURI(), e);
        fail(http, RegistryException.of(ErrorCode.UNKNOWN, e.toString()));
      }
    }
  }

  private void dispatch(HttpExchange http) throws IOException {
    if (htpasswd != null && !htpasswd.permits(http.getRequestHeaders().getFirst("Authorization"))) {
      http.getResponseHeaders().set("WWW-Authenticate", REALM);
      throw RegistryException.of(ErrorCode.UNAUTHORIZED, null);
    }
    String path = http.getRequestURI().getRawPath();
    for (Route route : routes) {
      Matcher m = route.path().matcher(path);
      if (m.matches()) {
        Handler handler = route.methods().get(http.getRequestMethod());
        if (handler == null) {
          http.getResponseHeaders().set("Allow", String.join(", ", route.methods().keySet()));
          throw RegistryException.of(ErrorCode.UNSUPPORTED, http.getRequestMethod() + " " + path);
        }
        handler.handle(new Exchange(http, m));
        return;
      }
    }
    throw RegistryException.of(ErrorCode.UNSUPPORTED, "no such endpoint: " + path).withStatus(404);
  }

  /** {@code /v2/}: the API version check every client starts with. */
  private static void base(Exchange exchange) throws IOException {
    exchange.sendJson(200, Map.of(), Exchange.JSON);
  }

  private static void fail(HttpExchange http, RegistryException e) {
    if (http.getResponseCode() != -1) {
      return; // the status line is gone; the client sees a cut body
    }
    drain(http);
    try {
      e.headers.forEach((k, v) -> http.getResponseHeaders().set(k, v));
      new Exchange(http, null).sendJson(e.status, e.body(), Exchange.JSON);
    } catch (IOException ignored) {
      // the client has gone
    }
  }

  /**
   * Reads what the client is still sending of a refused request (a manifest over the limit, a
   * chunk out of order), up to {@link #DRAIN_LIMIT}, before the error is answered: closing a
   * connection with unread bytes resets it, and a client still writing would then lose the
   * error response. A body larger than that is cut off by the close, as before.
   */
  private static void drain(HttpExchange http) {
    byte[] buffer = new byte[8192];
    try {
      InputStream in = http.getRequestBody();
      for (long left = DRAIN_LIMIT; left > 0; ) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          return;
        }
        left -= n;
      }
    } catch (IOException ignored) {
      // the client has gone; the answer will not reach it either
    }
  }

  private static Route route(String regex, Map<String, Handler> methods) {
    return new Route(Pattern.compile(regex), methods);
  }
}
