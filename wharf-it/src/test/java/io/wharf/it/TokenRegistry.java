package io.wharf.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry behind bearer-token auth, as Docker Hub is, for tests: {@code /token} is the token
 * server (Basic credentials of the one user get pull and push, anonymous callers get pull only,
 * wrong credentials get a 401), and every {@code /v2/} request is checked for a token granting
 * its scope before it is passed on to {@code backend}, a registry without auth. A request without
 * a sufficient token gets the 401 and {@code WWW-Authenticate: Bearer realm=…,service=…,scope=…}
 * challenge registries send. Loopback only.
 */
final class TokenRegistry implements AutoCloseable {
  static final String SERVICE = "wharf-test-registry";
  private static final Pattern REPOSITORY = Pattern.compile("^/v2/(.+?)/(manifests|blobs|tags)/");
  private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "authorization",
      "transfer-encoding", "expect", "upgrade");

  private final HttpServer server;
  private final URI backend;
  private final String user;
  private final String password;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  /** token → repository → actions it grants. */
  private final Map<String, Map<String, Set<String>>> tokens = new ConcurrentHashMap<>();
  final List<String> tokenRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

  TokenRegistry(URI backend, String user, String password) throws IOException {
    this.backend = backend;
    this.user = user;
    this.password = password;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/token", this::token);
    server.createContext("/v2/", this::registry);
    server.start();
  }

  /** {@code 127.0.0.1:PORT}, the registry's name in image references. */
  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private void token(HttpExchange ex) throws IOException {
    try (ex) {
      String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
      String authorization = ex.getRequestHeaders().getFirst("Authorization");
      boolean authenticated = false;
      if (authorization != null && authorization.startsWith("Basic ")) {
        String pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        if (!pair.equals(user + ":" + password)) {
          send(ex, 401, "{\"details\":\"incorrect username or password\"}");
          return;
        }
        authenticated = true;
      }
      tokenRequests.add((authenticated ? user : "anonymous") + " " + java.net.URLDecoder.decode(query,
          StandardCharsets.UTF_8));
      Map<String, Set<String>> grants = new ConcurrentHashMap<>();
      for (String param : query.split("&")) {
        if (!param.startsWith("scope=")) {
          continue;
        }
        String scope = java.net.URLDecoder.decode(param.substring(6), StandardCharsets.UTF_8);
        String[] parts = scope.split(":");
        if (parts.length == 3 && parts[0].equals("repository")) {
          Set<String> actions = new java.util.HashSet<>();
          for (String action : parts[2].split(",")) {
            if (action.equals("pull") || authenticated) {
              actions.add(action);
            }
          }
          grants.merge(parts[1], actions, (a, b) -> {
            a.addAll(b);
            return a;
          });
        }
      }
      String token = UUID.randomUUID().toString();
      tokens.put(token, grants);
      send(ex, 200, "{\"token\":\"" + token + "\",\"expires_in\":300}");
    }
  }

  private void registry(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      String repository = null;
      Matcher m = REPOSITORY.matcher(path);
      if (m.find()) {
        repository = m.group(1);
      }
      String action = method.equals("GET") || method.equals("HEAD") ? "pull" : "push";
      String scope = repository == null ? null : "repository:" + repository + ":" + action;
      String authorization = ex.getRequestHeaders().getFirst("Authorization");
      Map<String, Set<String>> grants = authorization != null && authorization.startsWith("Bearer ")
          ? tokens.get(authorization.substring(7)) : null;
      boolean allowed = grants != null && (repository == null
          || grants.getOrDefault(repository, Set.of()).contains(action));
      String from = queryValue(ex.getRequestURI().getRawQuery(), "from");
      if (allowed && from != null && !grants.getOrDefault(from, Set.of()).contains("pull")) {
        allowed = false;
        scope = scope + " repository:" + from + ":pull";
      }
      if (!allowed) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\",service=\""
            + SERVICE + "\"" + (scope == null ? "" : ",scope=\"" + scope + "\""));
        ex.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
        send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
        return;
      }
      forward(ex, method);
    }
  }

  private void forward(HttpExchange ex, String method) throws IOException {
    URI target = backend.resolve(ex.getRequestURI().getRawPath()
        + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(target);
    ex.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        values.forEach(v -> request.header(name, v));
      }
    });
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    byte[] body = ex.getRequestBody().readAllBytes();
    request.method(method, body.length == 0 && (length == null || length.equals("0"))
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    response.headers().map().forEach((name, values) -> {
      if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.equals(":status")) {
        values.forEach(v -> ex.getResponseHeaders().add(name, v));
      }
    });
    long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (method.equals("HEAD") || response.statusCode() == 204 || size == 0) {
      response.headers().firstValue("Content-Length").ifPresent(v -> ex.getResponseHeaders().set("Content-Length", v));
      ex.sendResponseHeaders(response.statusCode(), -1);
      response.body().close();
      return;
    }
    ex.sendResponseHeaders(response.statusCode(), size < 0 ? 0 : size);
    try (InputStream in = response.body(); OutputStream out = ex.getResponseBody()) {
      in.transferTo(out);
    }
  }

  private static String queryValue(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String param : query.split("&")) {
      if (param.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(param.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    http.shutdownNow();
  }
}
