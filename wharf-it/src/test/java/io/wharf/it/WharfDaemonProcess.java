package io.wharf.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real wharfd in its own process, on its own data root, exec root and socket under a fresh
 * temporary directory, so that test runs never share anything with each other or with a
 * Docker daemon on the machine. {@link #close()} stops it and removes every file it made.
 */
final class WharfDaemonProcess implements AutoCloseable {
  private final Path base;
  private final Process process;
  private final Path log;

  private WharfDaemonProcess(Path base, Process process, Path log) {
    this.base = base;
    this.process = process;
    this.log = log;
  }

  /** Starts wharfd and returns once it answers {@code /_ping}. */
  static WharfDaemonProcess start(String... extraArgs) throws IOException {
    Path base = Files.createTempDirectory("wharf-it-");
    try {
      return startIn(base, extraArgs);
    } catch (IOException e) {
      deleteTree(base); // a daemon that never answered leaves nothing behind
      throw e;
    }
  }

  /** Starts wharfd on the data under {@code base} (kept from an earlier daemon, if any). */
  static WharfDaemonProcess startIn(Path base, String... extraArgs) throws IOException {
    Path log = base.resolve("wharfd.log");
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"),
        "io.wharf.daemon.Wharfd",
        "--data-root", base.resolve("data").toString(),
        "--exec-root", base.resolve("exec").toString(),
        "--host", "unix://" + base.resolve("exec/wharf.sock"),
        "--log-level", "debug"));
    command.addAll(List.of(extraArgs));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    WharfDaemonProcess daemon = new WharfDaemonProcess(base, process, log);
    try {
      daemon.awaitPing(Duration.ofSeconds(60));
    } catch (IOException e) {
      process.destroyForcibly();
      throw e;
    }
    return daemon;
  }

  Path base() {
    return base;
  }

  Path socket() {
    return base.resolve("exec/wharf.sock");
  }

  Path dataRoot() {
    return base.resolve("data");
  }

  /** {@code unix:///…/wharf.sock}, for DOCKER_HOST. */
  String host() {
    return "unix://" + socket();
  }

  Process process() {
    return process;
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void awaitPing(Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("wharfd exited with " + process.exitValue() + ":\n" + log());
      }
      if (pings()) {
        return;
      }
      try {
        Thread.sleep(20); // test-only readiness wait; wharfd itself never polls
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException("wharfd did not answer within " + timeout + ":\n" + log());
  }

  private boolean pings() {
    if (!Files.exists(socket())) {
      return false;
    }
    try {
      return http(socket(), "GET /_ping", null).startsWith("HTTP/1.1 200");
    } catch (IOException e) {
      return false;
    }
  }

  /** One raw HTTP exchange with {@code Connection: close}; returns the whole answer. */
  static String http(Path socket, String request, byte[] body) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      String head = request + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
          + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n";
      channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
      if (body != null) {
        channel.write(ByteBuffer.wrap(body));
      }
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      StringBuilder answer = new StringBuilder();
      while (channel.read(buffer) > 0) {
        answer.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
        buffer.clear();
      }
      return answer.toString();
    }
  }

  /** Stops wharfd with SIGTERM (SIGKILL after 20 s) and keeps its files. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Kills wharfd with SIGKILL, as a crash would, and keeps its files. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws Exception {
    stop();
    // a test daemon's networks go with its data: bridges, veths, namespaces and iptables chains
    io.wharf.engine.network.LocalNetworkService.removeKernelState(
        io.wharf.engine.wiring.Engine.daemonTag(dataRoot()), base.resolve("exec/netns"));
    deleteTree(base);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
