package io.wharf.daemon;

import io.wharf.daemon.http.ApiServer;
import io.wharf.daemon.http.Router;
import io.wharf.daemon.routes.ArchiveRoutes;
import io.wharf.daemon.routes.BuildRoutes;
import io.wharf.daemon.routes.ContainerRoutes;
import io.wharf.daemon.routes.EventRoutes;
import io.wharf.daemon.routes.DiskUsageRoutes;
import io.wharf.daemon.routes.ExecRoutes;
import io.wharf.daemon.routes.ImageRoutes;
import io.wharf.daemon.routes.NetworkRoutes;
import io.wharf.daemon.routes.StatsRoutes;
import io.wharf.daemon.routes.SystemRoutes;
import io.wharf.daemon.routes.VolumeRoutes;
import io.wharf.engine.wiring.Engine;
import io.wharf.engine.wiring.EngineConfig;
import io.wharf.oci.errors.WharfException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import io.wharf.engine.image.DistributionSettings;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wharfd}: the daemon's command line, with dockerd's flags. */
@Command(name = "wharfd", versionProvider = Wharfd.Version.class,
    description = "A self-sufficient runtime for containers, speaking the Docker Engine API.",
    sortOptions = false, usageHelpAutoWidth = true)
public final class Wharfd implements Callable<Integer> {
  private static final Logger LOG = Logger.getLogger(Wharfd.class.getName());

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print usage")
  boolean help;

  @Option(names = {"-v", "--version"}, versionHelp = true, description = "Print version information and quit")
  boolean version;

  @Option(names = {"-H", "--host"}, paramLabel = "list", description = "Daemon socket(s) to connect to (unix:///path, tcp://127.0.0.1:PORT)")
  List<String> hosts = new ArrayList<>();

  @Option(names = "--data-root", paramLabel = "string", description = "Root directory of persistent Wharf state (default \"/var/lib/wharf\")")
  Path dataRoot;

  @Option(names = "--exec-root", paramLabel = "string", description = "Root directory for execution state files (default \"/run/wharf\")")
  Path execRoot;

  @Option(names = {"-p", "--pidfile"}, paramLabel = "string", description = "Path to use for daemon PID file (default \"<exec-root>/wharfd.pid\")")
  Path pidfile;

  @Option(names = {"-l", "--log-level"}, paramLabel = "string", description = "Set the logging level (\"debug\"|\"info\"|\"warn\"|\"error\"|\"fatal\") (default \"info\")")
  String logLevel;

  @Option(names = "--config-file", paramLabel = "string", description = "Daemon configuration file (default \"/etc/wharf/daemon.json\")")
  Path configFile;

  @Option(names = "--add-runtime", paramLabel = "runtime", description = "Register an additional OCI compatible runtime (name=path)")
  List<String> addRuntimes = new ArrayList<>();

  @Option(names = "--default-runtime", paramLabel = "string", description = "Default OCI runtime for containers (default \"runc\")")
  String defaultRuntime;

  @Option(names = {"-G", "--group"}, paramLabel = "string", description = "Group for the unix socket (default: none, the socket is root-only)")
  String group;

  @Option(names = "--insecure-registry", paramLabel = "list", description = "Enable insecure registry communication")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(names = "--registry-mirror", paramLabel = "list", description = "Preferred Docker registry mirror")
  List<String> registryMirrors = new ArrayList<>();

  @Option(names = "--max-concurrent-downloads", paramLabel = "int", description = "Set the max concurrent downloads (default 3)")
  Integer maxConcurrentDownloads;

  @Option(names = "--max-concurrent-uploads", paramLabel = "int", description = "Set the max concurrent uploads (default 5)")
  Integer maxConcurrentUploads;

  /** picocli's version provider: {@code wharfd -v}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Wharf version " + WharfVersion.VERSION + ", build " + WharfVersion.gitCommit()};
    }
  }

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Wharfd());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      System.err.println("failed to start daemon: " + e.getMessage());
      if (!(e instanceof WharfException)) {
        LOG.log(java.util.logging.Level.FINE, "start-up failure", e);
      }
      return 1;
    });
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    DaemonOptions options = options();
    DaemonLog.configure(options.logLevel());
    CountDownLatch stopped = new CountDownLatch(1);
    try (RunningDaemon daemon = start(options)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        LOG.info("Processing signal 'terminated'");
        daemon.close();
        stopped.countDown();
      }, "wharfd-shutdown"));
      stopped.await();
    }
    return 0;
  }

  /** Starts the daemon: pid file, engine, listeners. Closing it undoes all three. */
  public static RunningDaemon start(DaemonOptions options) throws Exception {
    return RunningDaemon.start(options, (engine, engineId) -> {
      Router router = new Router();
      new SystemRoutes(engine, engineId).register(router);
      new ImageRoutes(engine.images()).register(router);
      new ContainerRoutes(engine.containers(), engine.networks(), engine.volumes()).register(router);
      new VolumeRoutes(engine.volumes()).register(router);
      new ArchiveRoutes(engine.containers()).register(router);
      new EventRoutes(engine.events()).register(router);
      new NetworkRoutes(engine.networks(), engine.containers()).register(router);
      new ExecRoutes(engine.containers()).register(router);
      new StatsRoutes(engine.containers(), "wharf-" + Engine.daemonTag(engine.config().dataRoot())).register(router);
      new BuildRoutes(engine.builder()).register(router);
      new DiskUsageRoutes(engine.images(), engine.containers(), engine.builder(), engine.networks(), engine.volumes())
          .register(router);
      return new ApiServer(router);
    });
  }

  private DaemonOptions options() {
    var parsed = spec.commandLine().getParseResult();
    Map<String, List<String>> fromFlags = new LinkedHashMap<>();
    if (parsed.hasMatchedOption("--host")) {
      fromFlags.put("hosts", hosts);
    }
    put(fromFlags, parsed, "--data-root", "data-root", dataRoot);
    put(fromFlags, parsed, "--exec-root", "exec-root", execRoot);
    put(fromFlags, parsed, "--pidfile", "pidfile", pidfile);
    put(fromFlags, parsed, "--log-level", "log-level", logLevel);
    put(fromFlags, parsed, "--group", "group", group);
    if (parsed.hasMatchedOption("--add-runtime")) {
      fromFlags.put("runtimes", addRuntimes);
    }
    put(fromFlags, parsed, "--default-runtime", "default-runtime", defaultRuntime);
    if (parsed.hasMatchedOption("--insecure-registry")) {
      fromFlags.put("insecure-registries", insecureRegistries);
    }
    if (parsed.hasMatchedOption("--registry-mirror")) {
      fromFlags.put("registry-mirrors", registryMirrors);
    }
    put(fromFlags, parsed, "--max-concurrent-downloads", "max-concurrent-downloads", maxConcurrentDownloads);
    put(fromFlags, parsed, "--max-concurrent-uploads", "max-concurrent-uploads", maxConcurrentUploads);
    Path file = configFile != null ? configFile : Path.of("/etc/wharf/daemon.json");
    Map<String, List<String>> fromFile = DaemonConfigFile.read(file, configFile != null);
    DaemonConfigFile.checkConflicts(file, fromFile, fromFlags);
    Map<String, List<String>> merged = new LinkedHashMap<>(fromFile);
    merged.putAll(fromFlags);
    Path exec = Path.of(first(merged, "exec-root", "/run/wharf"));
    List<String> hostList = merged.getOrDefault("hosts", List.of("unix://" + exec.resolve("wharf.sock")));
    return new DaemonOptions(hostList, Path.of(first(merged, "data-root", "/var/lib/wharf")), exec,
        Path.of(first(merged, "pidfile", exec.resolve("wharfd.pid").toString())),
        first(merged, "log-level", "info"), first(merged, "group", null), runtimes(merged.get("runtimes")),
        first(merged, "default-runtime", "runc"), distribution(merged));
  }

  /** {@code insecure-registries}, {@code registry-mirrors}, {@code max-concurrent-*}, checked as dockerd checks them. */
  private static DistributionSettings distribution(Map<String, List<String>> merged) {
    DistributionSettings defaults = DistributionSettings.defaults();
    return new DistributionSettings(merged.getOrDefault("insecure-registries", List.of()),
        merged.getOrDefault("registry-mirrors", List.of()),
        integer(merged, "max-concurrent-downloads", defaults.maxConcurrentDownloads()),
        integer(merged, "max-concurrent-uploads", defaults.maxConcurrentUploads()));
  }

  private static int integer(Map<String, List<String>> options, String key, int fallback) {
    String value = first(options, key, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new io.wharf.oci.errors.InvalidArgument("invalid value \"" + value + "\" for " + key + ": not an integer");
    }
  }

  /** {@code name=path} pairs, as {@code --add-runtime} takes them (the file's {@code runtimes} object becomes the same). */
  private static Map<String, Path> runtimes(List<String> pairs) {
    Map<String, Path> runtimes = new LinkedHashMap<>();
    for (String pair : pairs == null ? List.<String>of() : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new io.wharf.oci.errors.InvalidArgument("invalid runtime argument: " + pair + " (expected name=path)");
      }
      String name = pair.substring(0, eq);
      if (name.equals("runc")) {
        throw new io.wharf.oci.errors.InvalidArgument("runtime name 'runc' is reserved");
      }
      runtimes.put(name, Path.of(pair.substring(eq + 1)));
    }
    return runtimes;
  }

  private static void put(Map<String, List<String>> flags, CommandLine.ParseResult parsed, String flag, String key, Object value) {
    if (parsed.hasMatchedOption(flag)) {
      flags.put(key, List.of(String.valueOf(value)));
    }
  }

  private static String first(Map<String, List<String>> options, String key, String fallback) {
    List<String> values = options.get(key);
    return values == null || values.isEmpty() ? fallback : values.getFirst();
  }

  static EngineConfig engineConfig(DaemonOptions options) {
    return new EngineConfig(options.dataRoot(), options.execRoot(), options.runtimes(), options.defaultRuntime(),
        options.distribution());
  }

  /** Builds the API server for an opened engine. */
  @FunctionalInterface
  interface ServerFactory {
    ApiServer create(Engine engine, String engineId) throws Exception;
  }
}
