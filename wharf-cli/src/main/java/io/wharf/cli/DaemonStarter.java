package io.wharf.cli;

import io.wharf.client.ConnectException;
import io.wharf.client.EngineClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A newcomer's first command just works: when nothing answers on the default socket and the
 * user is root, wharfd is started in the background (its log under the data root) and the
 * command goes on once the socket appears. Said once, on stderr.
 */
final class DaemonStarter {
  static final Path SOCKET = Path.of("/run/wharf/wharf.sock");
  static final Path LOG = Path.of("/var/lib/wharf/wharfd.log");
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private DaemonStarter() {}

  static void ensureRunning(EngineClient client, PrintStream err, Map<String, String> env) {
    try {
      client.version();
      return;
    } catch (ConnectException e) {
      if (!isRoot() || System.getProperty("wharf.home") == null) {
        throw e;
      }
    }
    try {
      start(Path.of(System.getProperty("wharf.home"), "bin", "wharfd"));
    } catch (IOException e) {
      throw new ConnectException(client.host(), e);
    }
    err.println("wharf: started wharfd in the background (no daemon was answering on unix://" + SOCKET
        + "; log: " + LOG + ")");
    awaitSocket(client);
  }

  private static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[1].equals("0");
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  private static void start(Path wharfd) throws IOException {
    Files.createDirectories(LOG.getParent());
    Files.createDirectories(SOCKET.getParent());
    new ProcessBuilder("setsid", wharfd.toString())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
        .redirectErrorStream(true)
        .start();
  }

  /** Waits for the socket file (inotify, no polling), then for the daemon to answer on it. */
  private static void awaitSocket(EngineClient client) {
    Instant deadline = Instant.now().plus(DEADLINE);
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      SOCKET.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      while (Instant.now().isBefore(deadline)) {
        if (Files.exists(SOCKET)) {
          try {
            client.version();
            return;
          } catch (ConnectException e) {
            // the socket exists a moment before it accepts; wait for the next event
          }
        }
        WatchKey key = watcher.poll(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()) / 20 + 1,
            TimeUnit.MILLISECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    } catch (IOException e) {
      throw new ConnectException(client.host(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.version();
  }
}
