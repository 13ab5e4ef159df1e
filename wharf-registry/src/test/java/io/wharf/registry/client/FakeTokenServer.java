package io.wharf.registry.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token server for tests, as Docker Hub's {@code auth.docker.io}: {@code GET /token?service=
 * &scope=…} answers {@code {"token":…}}. Anonymous callers get pull access only; a caller
 * with the right Basic credentials gets what it asks for; wrong credentials get a 401.
 */
final class FakeTokenServer implements AutoCloseable {
  static final String SERVICE = "fake-registry";

  private final HttpServer server;
  private final String user;
  private final String password;
  private final boolean anonymous;
  private final AtomicInteger issued = new AtomicInteger();
  private final Map<String, List<String>> grants = new ConcurrentHashMap<>();
  final List<FakeRegistry.Request> requests = new CopyOnWriteArrayList<>();

  private FakeTokenServer(String user, String password, boolean anonymous) throws IOException {
    this.user = user;
    this.password = password;
    this.anonymous = anonymous;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/token", this::token);
    server.start();
  }

  /** Anonymous pull tokens only. */
  static FakeTokenServer anonymous() throws IOException {
    return new FakeTokenServer(null, null, true);
  }

  /** {@code user}/{@code password} get any scope; anonymous callers get pull, if {@code anonymous}. */
  static FakeTokenServer withUser(String user, String password, boolean anonymous) throws IOException {
    return new FakeTokenServer(user, password, anonymous);
  }

  String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** Whether {@code token} grants {@code action} on {@code repository}. */
  boolean grants(String token, String repository, String action) {
    for (String scope : grants.getOrDefault(token, List.of())) {
      String[] parts = scope.split(":");
      if (parts.length == 3 && parts[1].equals(repository) && Set.of(parts[2].split(",")).contains(action)) {
        return true;
      }
    }
    return false;
  }

  boolean isToken(String token) {
    return grants.containsKey(token);
  }

  private void token(HttpExchange exchange) throws IOException {
    requests.add(FakeRegistry.Request.of(exchange));
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    boolean authenticated = false;
    if (authorization != null) {
      String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (user == null || !authorization.equals(expected)) {
        FakeRegistry.send(exchange, 401, "application/json", "{\"details\":\"incorrect username or password\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      authenticated = true;
    } else if (!anonymous) {
      FakeRegistry.send(exchange, 401, "application/json", "{\"details\":\"anonymous access is not allowed\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    List<String> scopes = new ArrayList<>();
    String query = exchange.getRequestURI().getRawQuery();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      if (pair.startsWith("scope=")) {
        String scope = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
        scopes.add(authenticated ? scope : scope.replaceAll(":[^:]*$", ":pull"));
      }
    }
    String token = "token-" + issued.incrementAndGet();
    grants.put(token, scopes);
    FakeRegistry.send(exchange, 200, "application/json",
        ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
