package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wharf.registry.server.RegistryOptions;
import io.wharf.registry.server.RegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wharfd killed (SIGKILL) in the middle of a pull restarts with nothing of that pull visible:
 * no image, no tag, no stray blob, snapshot or download file. The registry sits behind a proxy
 * that sends half of a big layer and then stalls, so the kill lands while bytes are arriving.
 */
class PullCrashIT {
  @TempDir Path work;

  @Test
  void aDaemonKilledMidPullRestartsWithoutAnyOfIt() throws Exception {
    try (RegistryServer registry = RegistryServer.start(RegistryOptions.plain(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Files.createDirectories(work.resolve("reg"))));
        WharfDaemonProcess pusher = WharfDaemonProcess.start();
        StallingProxy proxy = new StallingProxy(URI.create("http://127.0.0.1:" + registry.address().getPort()))) {
      DockerCli pushing = new DockerCli(pusher.host(), Files.createDirectories(work.resolve("cfg-push")));
      String base = "127.0.0.1:" + registry.address().getPort() + "/crash/big";
      pushing.importBusybox(work, "busybox:latest");
      Path context = Files.createDirectories(work.resolve("ctx"));
      Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nRUN head -c 8000000 /dev/urandom > /big\n");
      assertThat(pushing.runIn(context, java.util.Map.of("DOCKER_BUILDKIT", "0"), null, "build", "-q", "-t", base + ":1",
          ".").exitCode()).isZero();
      assertThat(pushing.run("push", base + ":1").exitCode()).isZero();

      WharfDaemonProcess victim = WharfDaemonProcess.start();
      Path root = victim.base();
      DockerCli pulling = new DockerCli(victim.host(), Files.createDirectories(work.resolve("cfg-pull")));
      Process pull = pulling.start(null, java.util.Map.of(), null, "pull", proxy.host() + "/crash/big:1");
      try {
        assertThat(proxy.stalled.await(60, TimeUnit.SECONDS)).as("the pull reached the big layer").isTrue();
        victim.kill();
      } finally {
        pull.destroyForcibly().waitFor();
      }
      try (WharfDaemonProcess restarted = WharfDaemonProcess.startIn(root)) {
        DockerCli after = new DockerCli(restarted.host(), work.resolve("cfg-pull"));
        assertThat(after.run("images", "-a", "-q").stdout()).isEmpty();
        Path data = restarted.dataRoot();
        assertThat(files(data.resolve("pulls"))).isEmpty();
        assertThat(files(data.resolve("content/ingest"))).isEmpty();
        assertThat(files(data.resolve("content/blobs/sha256"))).isEmpty();
        assertThat(files(data.resolve("snapshots"))).isEmpty();
      }
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (var list = Files.list(dir)) {
      return list.toList();
    }
  }

  /** Passes requests to the registry; a blob over 4 MB (the big layer, not busybox's) gets half its bytes, then nothing. */
  private static final class StallingProxy implements AutoCloseable {
    final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final HttpServer server;
    private final URI backend;
    private final HttpClient http = HttpClient.newHttpClient();

    StallingProxy(URI backend) throws IOException {
      this.backend = backend;
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext("/", this::handle);
      server.start();
    }

    String host() {
      return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
      try (ex) {
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.resolve(ex.getRequestURI().toString()))
            .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if (accept != null) {
          request.header("Accept", accept);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
        response.headers().firstValue("Docker-Content-Digest")
            .ifPresent(v -> ex.getResponseHeaders().set("Docker-Content-Digest", v));
        byte[] body = response.body();
        if (ex.getRequestMethod().equals("HEAD") || body.length == 0) {
          response.headers().firstValue("Content-Length").ifPresent(v -> ex.getResponseHeaders().set("Content-Length", v));
          ex.sendResponseHeaders(response.statusCode(), -1);
          return;
        }
        ex.sendResponseHeaders(response.statusCode(), body.length);
        OutputStream out = ex.getResponseBody();
        if (ex.getRequestURI().getPath().contains("/blobs/") && body.length > 4_000_000) {
          out.write(body, 0, body.length / 2);
          out.flush();
          stalled.countDown();
          closing.await(); // never sends the rest: the daemon is killed meanwhile
          return;
        }
        out.write(body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      closing.countDown();
      server.stop(0);
      http.shutdownNow();
    }
  }
}
