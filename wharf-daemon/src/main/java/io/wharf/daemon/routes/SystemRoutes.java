package io.wharf.daemon.routes;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.api.ApiVersion;
import io.wharf.api.system.SystemInfo;
import io.wharf.api.system.SystemVersion;
import io.wharf.daemon.WharfVersion;
import io.wharf.daemon.http.ApiRequest;
import io.wharf.daemon.http.ApiResponse;
import io.wharf.daemon.http.Router;
import io.wharf.engine.wiring.Engine;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /_ping}, {@code /version}, {@code /info}. Thread-safe. */
public final class SystemRoutes {
  private final Engine engine;
  private final String engineId;

  public SystemRoutes(Engine engine, String engineId) {
    this.engine = engine;
    this.engineId = engineId;
  }

  public void register(Router router) {
    router.add(HttpMethod.GET, "/_ping", this::ping)
        .add(HttpMethod.GET, "/version", this::version)
        .add(HttpMethod.GET, "/info", this::info);
  }

  /** Every CLI command starts with HEAD /_ping; the headers say what the daemon speaks. */
  private void ping(ApiRequest request, ApiResponse response) {
    response.header("Cache-Control", "no-cache, no-store, must-revalidate").header("Pragma", "no-cache")
        .header("Builder-Version", "1");
    if (request.method().equals(HttpMethod.HEAD)) {
      response.status(200);
    } else {
      response.text(200, "OK");
    }
  }

  private void version(ApiRequest request, ApiResponse response) {
    String kernel = HostFacts.kernelVersion();
    Map<String, String> details = Map.of(
        "ApiVersion", ApiVersion.CURRENT.toString(), "MinAPIVersion", ApiVersion.MINIMUM.toString(),
        "GitCommit", WharfVersion.gitCommit(), "GoVersion", "java" + Runtime.version().feature(),
        "Os", "linux", "Arch", "amd64", "KernelVersion", kernel, "BuildTime", "");
    response.json(200, new SystemVersion(Map.of("Name", "Wharf Engine"),
        List.of(new SystemVersion.Component("Engine", WharfVersion.VERSION, details)),
        WharfVersion.VERSION, ApiVersion.CURRENT.toString(), ApiVersion.MINIMUM.toString(), WharfVersion.gitCommit(),
        "java" + Runtime.version().feature(), "linux", "amd64", kernel, "", false));
  }

  private String backingFilesystem() {
    try {
      return java.nio.file.Files.getFileStore(engine.config().dataRoot()).type();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private Map<String, Map<String, String>> runtimes() {
    Map<String, Map<String, String>> runtimes = new java.util.LinkedHashMap<>();
    engine.runtimes().runtimes().forEach((name, rt) -> runtimes.put(name, Map.of("path", rt.binary().toString())));
    return runtimes;
  }

  private void info(ApiRequest request, ApiResponse response) {
    int images = engine.images().list(Map.of(), true).size();
    response.json(200, new SystemInfo(engineId, 0, 0, 0, 0, images, "overlay2",
        List.of(List.of("Backing Filesystem", backingFilesystem())),
        Map.of("Volume", List.of("local"), "Network", List.of("bridge", "host", "none"),
            "Authorization", List.of(), "Log", List.of("json-file", "local")),
        true, true, true, true, true, true, true, true, false,
        0, false, 0, Instant.now().toString(), "json-file", "cgroupfs", HostFacts.cgroupVersion(), 0,
        HostFacts.kernelVersion(), HostFacts.operatingSystem(), HostFacts.osVersion(), "linux", "x86_64",
        "https://index.docker.io/v1/", Runtime.getRuntime().availableProcessors(), HostFacts.memTotal(),
        engine.config().dataRoot().toString(), "", "", "", HostFacts.hostname(), List.of(), false,
        WharfVersion.VERSION, runtimes(), engine.runtimes().defaultRuntime(),
        Map.of("NodeID", "", "NodeAddr", "", "LocalNodeState", "inactive", "ControlAvailable", false,
            "Error", "", "RemoteManagers", List.of()),
        false, "", "tini", Map.of("ID", ""), Map.of("ID", ""), Map.of("ID", ""),
        List.of("name=seccomp,profile=builtin"), List.of(), registryConfig()));
  }

  /** What {@code docker info} prints as "Insecure Registries" and "Registry Mirrors". */
  private Map<String, Object> registryConfig() {
    var settings = engine.config().distribution();
    List<String> mirrors = settings.mirrors().stream().map(m -> m + "/").toList();
    List<String> cidrs = new java.util.ArrayList<>(List.of("127.0.0.0/8"));
    Map<String, Object> indexes = new java.util.LinkedHashMap<>();
    indexes.put("docker.io", Map.of("Name", "docker.io", "Mirrors", mirrors, "Secure", true, "Official", true));
    for (String registry : settings.insecureRegistries()) {
      if (registry.contains("/")) {
        cidrs.add(registry);
      } else {
        indexes.put(registry, Map.of("Name", registry, "Mirrors", List.of(), "Secure", false, "Official", false));
      }
    }
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("InsecureRegistryCIDRs", cidrs);
    config.put("IndexConfigs", indexes);
    config.put("Mirrors", mirrors);
    return config;
  }
}
