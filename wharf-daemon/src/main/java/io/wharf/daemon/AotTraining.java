package io.wharf.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of wharfd's AOT cache (built by {@code bin/build-aot} in the package
 * phase): a daemon on a scratch data root answers the requests clients send first (ping,
 * version, info, image list), so that start-up and first answers need no class loading.
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws Exception {
    Path base = Files.createTempDirectory("wharfd-aot-");
    try {
      Path socket = base.resolve("exec/wharf.sock");
      DaemonOptions options = new DaemonOptions(List.of("unix://" + socket), base.resolve("data"),
          base.resolve("exec"), base.resolve("exec/wharfd.pid"), "info", null);
      DaemonLog.configure("warn");
      try (RunningDaemon daemon = Wharfd.start(options)) {
        for (String request : List.of("HEAD /_ping", "GET /_ping", "GET /v1.44/version", "GET /v1.44/info",
            "GET /v1.44/images/json", "GET /v1.44/containers/json?all=1", "GET /v1.44/images/none/json",
            "GET /v9.99/version")) {
          exchange(socket, request);
        }
      }
    } finally {
      try (Stream<Path> tree = Files.walk(base)) {
        for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void exchange(Path socket, String requestLine) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap((requestLine + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer buffer = ByteBuffer.allocate(8192);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      while (channel.read(buffer) > 0) {
        sink.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
    }
  }
}
