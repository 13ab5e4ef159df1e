package io.wharf.cli.commands;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for wharfd on a loopback TCP port: answers {@code _ping} as API 1.44, a path given
 * its own answer with that, and every other request with one canned answer, recording what it
 * was sent. For testing a command's requests and rendering without a daemon.
 */
final class FakeDaemon implements AutoCloseable {
  /** One request as it arrived. */
  record Request(String method, String uri, String contentType, byte[] body, java.util.Map<String, String> headers) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** A request header by its name in any case, or null. */
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(java.util.Map.Entry::getValue)
          .findFirst().orElse(null);
    }
  }

  /** What a command printed and its exit code. */
  record Result(int code, String out, String err) {}

  private record Answer(int status, byte[] body, java.util.Map<String, String> headers) {
    Answer(int status, String body) {
      this(status, body.getBytes(StandardCharsets.UTF_8), java.util.Map.of("Content-Type", "application/json"));
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String answer = "";
  private final java.util.Map<String, Answer> answers = new java.util.concurrent.ConcurrentHashMap<>();

  FakeDaemon() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The answer to every request but the ping: {@code status} with a JSON {@code body}. */
  FakeDaemon answer(int status, String body) {
    this.status = status;
    this.answer = body;
    return this;
  }

  /** The answer to requests for {@code path} ({@code /networks/x}, without the version prefix or query). */
  FakeDaemon answer(String path, int status, String body) {
    answers.put(path, new Answer(status, body));
    return this;
  }

  /**
   * The answer to {@code method} requests for {@code path}: {@code body} as it is, with
   * {@code headers} (a HEAD answer sends the headers only). It takes precedence over an
   * answer for the path alone.
   */
  FakeDaemon answer(String method, String path, int status, byte[] body, java.util.Map<String, String> headers) {
    answers.put(method + " " + path, new Answer(status, body, headers));
    return this;
  }

  /** Runs {@code wharf args} against this daemon with {@code stdin}. */
  Result wharf(String stdin, String... args) {
    return wharf(java.util.Map.of(), stdin, args);
  }

  /** Runs {@code wharf args} against this daemon with {@code stdin} and the environment {@code env}. */
  Result wharf(java.util.Map<String, String> env, String stdin, String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    String[] withHost = new String[args.length + 2];
    withHost[0] = "-H";
    withHost[1] = host();
    System.arraycopy(args, 0, withHost, 2, args.length);
    int code = io.wharf.cli.Wharf.run(withHost, new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
        new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
        new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  String host() {
    return "tcp://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    return requests;
  }

  /** The one request that was not a ping. */
  Request request() {
    return requests.stream().filter(r -> !r.uri().endsWith("/_ping")).reduce((a, b) -> {
      throw new AssertionError("more than one request: " + requests);
    }).orElseThrow(() -> new AssertionError("no request"));
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
    requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
        exchange.getRequestHeaders().getFirst("Content-Type"), body, headers));
    if (exchange.getRequestURI().getPath().endsWith("/_ping")) {
      exchange.getResponseHeaders().set("Api-Version", "1.44");
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
      return;
    }
    String path = exchange.getRequestURI().getPath().replaceFirst("^/v1\\.\\d+", "");
    Answer routed = answers.get(exchange.getRequestMethod() + " " + path);
    if (routed == null) {
      routed = answers.get(path);
    }
    if (routed == null) {
      routed = new Answer(status, answer);
    }
    byte[] bytes = routed.body();
    routed.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(routed.status(), bytes.length == 0 || head ? -1 : bytes.length);
    if (head) {
      exchange.close();
      return;
    }
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
