package io.wharf.registry.server;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code wharf registry serve --addr HOST:PORT --root DIR [--htpasswd FILE] [--tls-cert PEM
 * --tls-key PEM]}, which blocks until SIGTERM (or until the calling thread is interrupted), and
 * {@code wharf registry gc --root DIR [--dry-run]}. The arguments may start with {@code
 * registry}. Exit codes: 0, 1 when the command failed, 125 for a bad command line (docker's).
 * Stateless: calls are independent (each {@code serve} registers its own shutdown hook).
 */
public final class RegistryMain {
  private static final Set<String> SWITCHES = Set.of("--dry-run");
  private static final String USAGE = """
      Usage:  wharf registry serve --addr HOST:PORT --root DIR [--htpasswd FILE] [--tls-cert PEM --tls-key PEM]
              wharf registry gc --root DIR [--dry-run]

      Run an OCI distribution registry, or delete the blobs no manifest references.""";

  private RegistryMain() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    if (!rest.isEmpty() && rest.getFirst().equals("registry")) {
      rest.removeFirst();
    }
    if (rest.isEmpty() || rest.contains("--help") || rest.contains("-h")) {
      out.println(USAGE);
      return rest.isEmpty() ? 125 : 0;
    }
    String command = rest.removeFirst();
    try {
      Map<String, String> flags = flags(rest);
      return switch (command) {
        case "serve" -> serve(flags, out);
        case "gc" -> gc(flags, out);
        default -> throw new UsageException("unknown command: wharf registry " + command);
      };
    } catch (UsageException e) {
      err.println(e.getMessage() + "\nSee 'wharf registry --help'.");
      return 125;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      err.println("Error: " + e.getMessage());
      return 1;
    }
  }

  private static int serve(Map<String, String> flags, PrintStream out) throws IOException {
    RegistryOptions options = new RegistryOptions(address(required(flags, "--addr")),
        Path.of(required(flags, "--root")), path(flags, "--htpasswd"), path(flags, "--tls-cert"), path(flags, "--tls-key"));
    RegistryServer server = RegistryServer.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "wharf-registry-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    InetSocketAddress bound = server.address();
    out.println("Wharf registry listening on " + server.scheme() + "://" + bound.getHostString() + ":" + bound.getPort()
        + " (root " + options.root() + ")");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static int gc(Map<String, String> flags, PrintStream out) throws IOException {
    Path root = Path.of(required(flags, "--root"));
    if (!Files.isDirectory(root.resolve("blobs"))) {
      throw new IllegalArgumentException("no registry storage in " + root);
    }
    boolean dryRun = flags.containsKey("--dry-run");
    GarbageCollector.Report report = new GarbageCollector(root).collect(dryRun);
    for (Digest digest : report.deleted()) {
      out.println((dryRun ? "would delete " : "deleted ") + digest);
    }
    out.println((dryRun ? "would free " : "freed ") + report.deleted().size() + " blobs, " + report.bytes() + " bytes");
    return 0;
  }

  /** {@code HOST:PORT}, {@code [V6]:PORT} or {@code :PORT} (every interface). */
  static InetSocketAddress address(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new UsageException("--addr must be HOST:PORT, not " + text);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new UsageException("--addr: invalid port in " + text);
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  private static Map<String, String> flags(List<String> args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument: " + arg);
      } else if (eq > 0) {
        flags.put(arg.substring(0, eq), arg.substring(eq + 1));
      } else if (SWITCHES.contains(arg)) {
        flags.put(arg, "true");
      } else if (i + 1 < args.size()) {
        flags.put(arg, args.get(++i));
      } else {
        throw new UsageException("flag needs an argument: " + arg);
      }
    }
    return flags;
  }

  private static String required(Map<String, String> flags, String name) {
    String value = flags.get(name);
    if (value == null || value.isEmpty()) {
      throw new UsageException("required flag " + name + " is missing");
    }
    return value;
  }

  private static Path path(Map<String, String> flags, String name) {
    return flags.containsKey(name) ? Path.of(flags.get(name)) : null;
  }

  /** A command line this command does not accept. */
  private static final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
      super(message);
    }
  }
}
