package io.wharf.registry.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A distribution-spec registry in memory, on 127.0.0.1, for the client's tests: manifests,
 * blobs (with Range), uploads (POST, PATCH, PUT, mount), Basic or bearer auth, a log of every
 * request, and overrides to misbehave on one path.
 */
final class FakeRegistry implements AutoCloseable {
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
  private static final Pattern UPLOADS = Pattern.compile("/v2/(.+)/blobs/uploads/?");
  private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/([0-9a-f-]{36})");
  private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");

  /** A request as received. */
  record Request(String method, String uri, Map<String, List<String>> headers) {
    static Request of(HttpExchange exchange) {
      return new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()));
    }

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }
  }

  /** A stored manifest. */
  record Stored(byte[] bytes, String mediaType) {}

  private final HttpServer server;
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, Stored> manifests = new ConcurrentHashMap<>();
  private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
  private final Map<String, HttpHandler> overrides = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile String basic;
  private volatile FakeTokenServer tokens;

  private FakeRegistry(javax.net.ssl.SSLContext tls) throws IOException {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
    if (tls == null) {
      server = HttpServer.create(address, 0);
    } else {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    // One thread per exchange: the client's TLS probe holds one until it gives up.
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  static FakeRegistry start() throws IOException {
    return new FakeRegistry(null);
  }

  /** A registry that speaks HTTPS only, with {@code tls}'s certificate. */
  static FakeRegistry startTls(javax.net.ssl.SSLContext tls) throws IOException {
    return new FakeRegistry(tls);
  }

  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  ImageReference ref(String repositoryAndTag) {
    return ImageReference.parse(host() + "/" + repositoryAndTag);
  }

  void requireBasic(String user, String password) {
    basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  void requireBearer(FakeTokenServer tokenServer) {
    tokens = tokenServer;
  }

  /** Answers {@code method} on {@code path} (without query) with {@code handler}, after auth. */
  void override(String method, String path, HttpHandler handler) {
    overrides.put(method + " " + path, handler);
  }

  Digest putBlob(String repository, byte[] content) {
    Digest digest = Digest.of(content);
    blobs.put(repository + "@" + digest, content);
    return digest;
  }

  byte[] blob(String repository, Digest digest) {
    return blobs.get(repository + "@" + digest);
  }

  Digest putManifest(String repository, String tag, String mediaType, byte[] bytes) {
    Digest digest = Digest.of(bytes);
    manifests.put(repository + ":" + digest, new Stored(bytes, mediaType));
    if (tag != null) {
      manifests.put(repository + ":" + tag, new Stored(bytes, mediaType));
    }
    return digest;
  }

  Stored manifest(String repository, String reference) {
    return manifests.get(repository + ":" + reference);
  }

  List<Request> requests(String method, String uriPrefix) {
    return requests.stream().filter(r -> r.method().equals(method) && r.uri().startsWith(uriPrefix)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.add(Request.of(exchange));
      String path = exchange.getRequestURI().getPath();
      if (!authorized(exchange, path)) {
        return;
      }
      HttpHandler override = overrides.get(exchange.getRequestMethod() + " " + path);
      if (override != null) {
        override.handle(exchange);
      } else if (path.equals("/v2/")) {
        send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
      } else {
        route(exchange, path);
      }
    }
  }

  private void route(HttpExchange exchange, String path) throws IOException {
    String method = exchange.getRequestMethod();
    Matcher m;
    if ((m = MANIFEST.matcher(path)).matches()) {
      if (method.equals("PUT")) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Digest digest = putManifest(m.group(1), Digest.isDigest(m.group(2)) ? null : m.group(2), exchange.getRequestHeaders().getFirst("Content-Type"), body);
        exchange.getResponseHeaders().add("Docker-Content-Digest", digest.toString());
        exchange.getResponseHeaders().add("Location", "/v2/" + m.group(1) + "/manifests/" + digest);
        send(exchange, 201, null, new byte[0]);
        return;
      }
      Stored stored = manifest(m.group(1), m.group(2));
      if (stored == null) {
        error(exchange, 404, "MANIFEST_UNKNOWN", "manifest unknown");
        return;
      }
      exchange.getResponseHeaders().add("Docker-Content-Digest", Digest.of(stored.bytes()).toString());
      send(exchange, 200, stored.mediaType(), method.equals("HEAD") ? null : stored.bytes());
    } else if ((m = UPLOADS.matcher(path)).matches() && method.equals("POST")) {
      startUpload(exchange, m.group(1));
    } else if ((m = UPLOAD.matcher(path)).matches()) {
      continueUpload(exchange, m.group(1), m.group(2));
    } else if ((m = BLOB.matcher(path)).matches()) {
      sendBlob(exchange, blob(m.group(1), Digest.parse(m.group(2))));
    } else {
      error(exchange, 404, "NAME_UNKNOWN", "repository name not known to registry");
    }
  }

  private void startUpload(HttpExchange exchange, String repository) throws IOException {
    Map<String, String> query = query(exchange);
    if (query.containsKey("mount") && query.containsKey("from")) {
      byte[] there = blob(query.get("from"), Digest.parse(query.get("mount")));
      if (there != null) {
        putBlob(repository, there);
        exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/" + query.get("mount"));
        send(exchange, 201, null, new byte[0]);
        return;
      }
    }
    String id = UUID.randomUUID().toString();
    uploads.put(id, new ByteArrayOutputStream());
    exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/uploads/" + id);
    exchange.getResponseHeaders().add("Docker-Upload-UUID", id);
    send(exchange, 202, null, new byte[0]);
  }

  private void continueUpload(HttpExchange exchange, String repository, String id) throws IOException {
    ByteArrayOutputStream upload = uploads.get(id);
    if (upload == null) {
      error(exchange, 404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
      return;
    }
    String range = exchange.getRequestHeaders().getFirst("Content-Range");
    if (range != null && Long.parseLong(range.substring(0, range.indexOf('-'))) != upload.size()) {
      error(exchange, 416, "BLOB_UPLOAD_INVALID", "chunk out of order");
      return;
    }
    upload.write(exchange.getRequestBody().readAllBytes());
    exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/uploads/" + id);
    if (exchange.getRequestMethod().equals("PATCH")) {
      exchange.getResponseHeaders().add("Range", "0-" + (upload.size() - 1));
      send(exchange, 202, null, new byte[0]);
      return;
    }
    Digest expected = Digest.parse(query(exchange).get("digest"));
    if (!Digest.of(upload.toByteArray()).equals(expected)) {
      error(exchange, 400, "DIGEST_INVALID", "provided digest did not match uploaded content");
      return;
    }
    uploads.remove(id);
    putBlob(repository, upload.toByteArray());
    exchange.getResponseHeaders().set("Location", "/v2/" + repository + "/blobs/" + expected);
    exchange.getResponseHeaders().add("Docker-Content-Digest", expected.toString());
    send(exchange, 201, null, new byte[0]);
  }

  private void sendBlob(HttpExchange exchange, byte[] content) throws IOException {
    if (content == null) {
      error(exchange, 404, "BLOB_UNKNOWN", "blob unknown to registry");
      return;
    }
    String range = exchange.getRequestHeaders().getFirst("Range");
    if (exchange.getRequestMethod().equals("HEAD")) {
      send(exchange, 200, "application/octet-stream", null);
    } else if (range != null && range.matches("bytes=\\d+-")) {
      int from = Integer.parseInt(range.substring(6, range.length() - 1));
      exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
      send(exchange, 206, "application/octet-stream", java.util.Arrays.copyOfRange(content, from, content.length));
    } else {
      send(exchange, 200, "application/octet-stream", content);
    }
  }

  /** Checks Basic credentials or a bearer token with the scope the request needs; answers 401 if not. */
  private boolean authorized(HttpExchange exchange, String path) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (basic != null) {
      if (basic.equals(authorization)) {
        return true;
      }
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
    } else if (tokens != null) {
      String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
      String repository = repository(path);
      String action = Set.of("GET", "HEAD").contains(exchange.getRequestMethod()) ? "pull" : "push";
      String from = query(exchange).get("from");
      if (token != null && (repository == null ? tokens.isToken(token) : tokens.grants(token, repository, action))
          && (from == null || tokens.grants(token, from, "pull"))) {
        return true;
      }
      String scope = repository == null ? "" : ",scope=\"repository:" + repository + ":" + (action.equals("pull") ? "pull" : "pull,push") + "\"";
      exchange.getResponseHeaders().add("WWW-Authenticate",
          "Bearer realm=\"" + tokens.realm() + "\",service=\"" + FakeTokenServer.SERVICE + "\"" + scope);
    } else {
      return true;
    }
    error(exchange, 401, "UNAUTHORIZED", "authentication required");
    return false;
  }

  private static String repository(String path) {
    for (Pattern pattern : List.of(MANIFEST, UPLOADS, UPLOAD, BLOB)) {
      Matcher m = pattern.matcher(path);
      if (m.matches()) {
        return m.group(1);
      }
    }
    return null;
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new java.util.HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        query.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
    String body = "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"detail\":null}]}";
    send(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends a response; a null body sends headers only (HEAD). */
  static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
