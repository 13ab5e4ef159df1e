package io.wharf.daemon;

import io.wharf.daemon.http.ApiServer;
import io.wharf.engine.wiring.Engine;
import io.wharf.oci.errors.Conflict;
import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A started wharfd: its pid file written, engine open, sockets listening. {@link #close()}
 * stops listening, closes the engine and removes the sockets and the pid file; it may be
 * called more than once. Thread-safe.
 */
public final class RunningDaemon implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RunningDaemon.class.getName());
  private final DaemonOptions options;
  private final Engine engine;
  private final ApiServer server;
  private final List<Path> sockets;
  private boolean closed;

  private RunningDaemon(DaemonOptions options, Engine engine, ApiServer server, List<Path> sockets) {
    this.options = options;
    this.engine = engine;
    this.server = server;
    this.sockets = sockets;
  }

  static RunningDaemon start(DaemonOptions options, Wharfd.ServerFactory factory) throws Exception {
    Files.createDirectories(options.execRoot());
    writePidfile(options.pidfile());
    Engine engine = null;
    ApiServer server = null;
    List<Path> sockets = new ArrayList<>();
    try {
      engine = Engine.open(Wharfd.engineConfig(options));
      server = factory.create(engine, engineId(options.dataRoot()));
      for (String host : options.hosts()) {
        listen(server, host, options.group(), sockets);
      }
      LOG.info("Daemon has completed initialization");
      return new RunningDaemon(options, engine, server, sockets);
    } catch (Exception | Error e) {
      if (server != null) {
        server.close();
      }
      if (engine != null) {
        engine.close();
      }
      for (Path socket : sockets) {
        Files.deleteIfExists(socket);
      }
      Files.deleteIfExists(options.pidfile());
      throw e;
    }
  }

  public Engine engine() {
    return engine;
  }

  private static void listen(ApiServer server, String host, String group, List<Path> sockets) throws IOException {
    if (host.startsWith("unix://")) {
      Path socket = Path.of(host.substring("unix://".length()));
      Files.createDirectories(socket.toAbsolutePath().getParent());
      if (Files.exists(socket)) {
        if (answers(socket)) {
          throw new Conflict("another daemon is listening on " + socket);
        }
        Files.delete(socket); // stale: left by a daemon that was killed
      }
      server.listen(UnixDomainSocketAddress.of(socket));
      sockets.add(socket);
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
      if (group != null) {
        GroupPrincipal principal = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(principal);
      }
      LOG.info("API listen on " + socket);
    } else if (host.startsWith("tcp://")) {
      URI uri = URI.create(host);
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw new InvalidArgument("invalid host " + host + ": use tcp://HOST:PORT");
      }
      server.listen(new InetSocketAddress(uri.getHost(), uri.getPort()));
      if (!new InetSocketAddress(uri.getHost(), uri.getPort()).getAddress().isLoopbackAddress()) {
        LOG.warning("Binding to IP address without --tlsverify is insecure and gives root access on this machine to everyone who has access to your network: " + host);
      }
      LOG.info("API listen on " + uri.getHost() + ":" + uri.getPort());
    } else {
      throw new InvalidArgument("invalid host " + host + ": use unix:///path or tcp://HOST:PORT");
    }
  }

  private static boolean answers(Path socket) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** dockerd refuses to start while its pid file names a live process. */
  private static void writePidfile(Path pidfile) throws IOException {
    if (Files.exists(pidfile)) {
      String pid = Files.readString(pidfile).strip();
      if (!pid.isEmpty() && pid.matches("\\d+") && isLiveWharfd(pid)
          && Long.parseLong(pid) != ProcessHandle.current().pid()) {
        throw new Conflict("pid file found, ensure wharfd is not running or delete " + pidfile);
      }
    }
    Files.createDirectories(pidfile.toAbsolutePath().getParent());
    Files.writeString(pidfile, Long.toString(ProcessHandle.current().pid()));
  }

  /** A running (not zombie) wharfd has that pid: a pid file left by a killed daemon is stale. */
  private static boolean isLiveWharfd(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      String cmdline = Files.readString(Path.of("/proc", pid, "cmdline"));
      return state != 'Z' && state != 'X' && cmdline.contains("Wharfd");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** A stable ID for this data root, made on first start. */
  private static String engineId(Path dataRoot) throws IOException {
    Path file = dataRoot.resolve("engine-id");
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    String id = UUID.randomUUID().toString();
    Files.writeString(file, id);
    return id;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
    engine.close();
    for (Path socket : sockets) {
      try {
        Files.deleteIfExists(socket);
      } catch (IOException e) {
        LOG.warning("cannot remove " + socket + ": " + e.getMessage());
      }
    }
    try {
      Files.deleteIfExists(options.pidfile());
    } catch (IOException e) {
      LOG.warning("cannot remove " + options.pidfile() + ": " + e.getMessage());
    }
    LOG.info("Daemon shutdown complete");
  }
}
