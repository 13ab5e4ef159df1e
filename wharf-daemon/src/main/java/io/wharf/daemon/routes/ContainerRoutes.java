package io.wharf.daemon.routes;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.api.container.ContainerCreateBody;
import io.wharf.api.container.ContainerCreateResponse;
import io.wharf.api.container.WaitResponse;
import io.wharf.daemon.http.ApiRequest;
import io.wharf.daemon.http.ApiResponse;
import io.wharf.daemon.http.Router;
import io.wharf.engine.container.Container;
import io.wharf.engine.container.ContainerService;
import io.wharf.engine.container.Lifecycle;
import io.wharf.engine.container.Limits;
import io.wharf.engine.network.NetworkService;
import io.wharf.engine.network.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import io.wharf.engine.container.CreateRequest;
import io.wharf.engine.container.LogOptions;
import io.wharf.engine.container.RunSettings;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /containers/…} routes, and Docker's 404s for networks and volumes (which let
 * {@code docker inspect x} fall through to "No such object"). Thread-safe.
 */
public final class ContainerRoutes {
  private static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";
  private static final String RAW = "application/vnd.docker.raw-stream";
  private final ContainerService containers;
  private final NetworkService networks;
  private final io.wharf.engine.volume.VolumeService volumes;

  public ContainerRoutes(ContainerService containers, NetworkService networks,
      io.wharf.engine.volume.VolumeService volumes) {
    this.networks = networks;
    this.volumes = volumes;
    this.containers = containers;
  }

  public void register(Router router) {
    router.add(HttpMethod.GET, "/containers/json", this::list)
        .add(HttpMethod.POST, "/containers/create", this::create)
        .add(HttpMethod.GET, "/containers/{id}/json", this::inspect)
        .add(HttpMethod.POST, "/containers/{id}/start", (rq, rs) -> {
          containers.start(rq.param("id"));
          rs.status(204);
        })
        .add(HttpMethod.POST, "/containers/{id}/wait", this::waitFor)
        .add(HttpMethod.POST, "/containers/{id}/restart", (rq, rs) -> {
          containers.restart(rq.param("id"), rq.integer("t", -1));
          rs.status(204);
        })
        .add(HttpMethod.POST, "/containers/{id}/rename", (rq, rs) -> {
          containers.rename(rq.param("id"), rq.query("name"));
          rs.status(204);
        })
        .add(HttpMethod.GET, "/containers/{id}/changes", (rq, rs) -> {
          List<Object> changes = new ArrayList<>();
          for (ContainerService.Change change : containers.changes(rq.param("id"))) {
            changes.add(java.util.Map.of("Path", change.path(), "Kind", change.kind()));
          }
          rs.json(200, changes);
        })
        .add(HttpMethod.GET, "/containers/{id}/export", (rq, rs) -> {
          Container c = containers.get(rq.param("id"));
          try (OutputStream out = new java.io.BufferedOutputStream(rs.stream(200, "application/x-tar"), 64 * 1024)) {
            containers.export(c.id(), out);
          }
        })
        .add(HttpMethod.POST, "/commit", (rq, rs) -> {
          rq.body().transferTo(OutputStream.nullOutputStream()); // the docker CLI sends the config it has
          String repo = rq.query("repo");
          String tag = rq.query("tag");
          String reference = repo == null || repo.isEmpty() ? null
              : tag == null || tag.isEmpty() ? repo : repo + ":" + tag;
          String id = containers.commit(rq.query("container"), reference, rq.query("comment"), rq.query("author"),
              rq.queryAll("changes"));
          rs.json(201, new ContainerCreateResponse(id, List.of()));
        })
        .add(HttpMethod.POST, "/containers/prune", (rq, rs) -> {
          ContainerService.PruneResult result = containers.prune(rq.filters());
          java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
          body.put("ContainersDeleted", result.deleted().isEmpty() ? null : result.deleted());
          body.put("SpaceReclaimed", result.spaceReclaimed());
          rs.json(200, body);
        })
        .add(HttpMethod.POST, "/containers/{id}/attach", this::attach)
        .add(HttpMethod.GET, "/containers/{id}/logs", this::logs)
        .add(HttpMethod.POST, "/containers/{id}/resize", (rq, rs) -> {
          containers.resize(rq.param("id"), rq.integer("h", 0), rq.integer("w", 0));
          rs.status(200);
        })
        .add(HttpMethod.POST, "/containers/{id}/stop", (rq, rs) -> {
          containers.stop(rq.param("id"), rq.integer("t", -1));
          rs.status(204);
        })
        .add(HttpMethod.POST, "/containers/{id}/kill", (rq, rs) -> {
          containers.kill(rq.param("id"), rq.query("signal"));
          rs.status(204);
        })
        .add(HttpMethod.POST, "/containers/{id}/pause", (rq, rs) -> {
          containers.pause(rq.param("id"));
          rs.status(204);
        })
        .add(HttpMethod.POST, "/containers/{id}/unpause", (rq, rs) -> {
          containers.unpause(rq.param("id"));
          rs.status(204);
        })
        .add(HttpMethod.POST, "/containers/{id}/update", this::update)
        .add(HttpMethod.DELETE, "/containers/{id}", (rq, rs) -> {
          containers.remove(rq.param("id"), rq.bool("force"), rq.bool("v"));
          rs.status(204);
        });
  }

  private void list(ApiRequest request, ApiResponse response) {
    List<Object> summaries = new ArrayList<>();
    List<Container> all = containers.list(request.bool("all"), request.filters());
    String limit = request.query("limit");
    int max = limit == null || limit.isEmpty() ? Integer.MAX_VALUE : Math.max(0, Integer.parseInt(limit));
    for (Container c : all.subList(0, Math.min(max, all.size()))) {
      summaries.add(ContainerViews.summary(c, request.bool("size") ? containers.sizes(c.id()) : null, networks, volumes));
    }
    response.json(200, summaries);
  }

  private void create(ApiRequest request, ApiResponse response) {
    ContainerCreateBody body = request.json(ContainerCreateBody.class);
    if (body == null || body.image() == null || body.image().isEmpty()) {
      throw new InvalidArgument("config cannot be empty in order to create a container");
    }
    var host = body.hostConfig() != null ? body.hostConfig()
        : new ContainerCreateBody.HostConfig(null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);
    RunSettings settings = new RunSettings(Boolean.TRUE.equals(body.stdinOnce()), Boolean.TRUE.equals(host.init()),
        Boolean.TRUE.equals(host.readonlyRootfs()), Boolean.TRUE.equals(host.privileged()), host.capAdd(),
        host.capDrop(), host.securityOpt(), emptyToNull(body.stopSignal()), body.stopTimeout(),
        host.shmSize() == null ? 0 : host.shmSize(), emptyToNull(host.runtime()), networkSpec(body, host),
        MountViews.asked(body, host), host.volumesFrom(), lifecycle(body, host));
    Container c = containers.create(new CreateRequest(body.image(), request.query("name"), body.entrypoint(),
        body.cmd(), body.env(), body.workingDir(), body.user(), body.hostname(), Boolean.TRUE.equals(body.tty()),
        Boolean.TRUE.equals(body.openStdin()), body.labels(), Boolean.TRUE.equals(host.autoRemove()), settings));
    response.json(201, new ContainerCreateResponse(c.id(), List.of()));
  }

  /** Limits, restart policy, healthcheck and logging of a create body. */
  private static Lifecycle lifecycle(ContainerCreateBody body, ContainerCreateBody.HostConfig host) {
    var restart = host.restartPolicy();
    var log = host.logConfig();
    Map<String, Object> health = null;
    if (body.healthcheck() != null && body.healthcheck().test() != null && !body.healthcheck().test().isEmpty()) {
      var hc = body.healthcheck();
      health = new LinkedHashMap<>();
      health.put("Test", hc.test());
      health.put("Interval", hc.interval() == null ? 0L : hc.interval());
      health.put("Timeout", hc.timeout() == null ? 0L : hc.timeout());
      health.put("Retries", hc.retries() == null ? 0 : hc.retries());
      health.put("StartPeriod", hc.startPeriod() == null ? 0L : hc.startPeriod());
      health.put("StartInterval", hc.startInterval() == null ? 0L : hc.startInterval());
    }
    return new Lifecycle(limits(host), restart == null ? null : emptyToNull(restart.name()),
        restart == null || restart.maximumRetryCount() == null ? 0 : restart.maximumRetryCount(), health,
        log == null ? null : log.type(), log == null ? null : log.config());
  }

  private static Limits limits(ContainerCreateBody.HostConfig h) {
    List<Limits.Ulimit> ulimits = h.ulimits() == null ? List.of() : h.ulimits().stream()
        .map(u -> new Limits.Ulimit(u.name(), u.soft() == null ? 0 : u.soft(), u.hard() == null ? 0 : u.hard()))
        .toList();
    return new Limits(n(h.memory()), n(h.memorySwap()), n(h.memoryReservation()),
        Boolean.TRUE.equals(h.oomKillDisable()), n(h.nanoCpus()), n(h.cpuShares()), n(h.cpuPeriod()), n(h.cpuQuota()),
        h.cpusetCpus(), n(h.pidsLimit()), h.blkioWeight() == null ? 0 : h.blkioWeight(), ulimits);
  }

  private static long n(Long value) {
    return value == null ? 0 : value;
  }

  @SuppressWarnings("unchecked")
  private void update(ApiRequest request, ApiResponse response) {
    Map<String, Object> body = request.json(Map.class);
    Map<String, Object> b = body == null ? Map.of() : body;
    Limits changes = new Limits(num(b, "Memory"), num(b, "MemorySwap"), num(b, "MemoryReservation"), false,
        num(b, "NanoCpus"), num(b, "CpuShares"), num(b, "CpuPeriod"), num(b, "CpuQuota"), (String) b.get("CpusetCpus"),
        num(b, "PidsLimit"), (int) num(b, "BlkioWeight"), List.of());
    Map<String, Object> restart = (Map<String, Object>) b.get("RestartPolicy");
    containers.update(request.param("id"), changes, restart == null ? null : (String) restart.get("Name"),
        restart == null || restart.get("MaximumRetryCount") == null ? null
            : ((Number) restart.get("MaximumRetryCount")).intValue());
    response.json(200, Map.of("Warnings", List.of()));
  }

  private static long num(Map<String, Object> body, String key) {
    return body.get(key) instanceof Number n ? n.longValue() : 0;
  }

  /** The network part of a create body: mode, published and exposed ports, DNS, endpoints. */
  private static NetworkSpec networkSpec(ContainerCreateBody body, ContainerCreateBody.HostConfig host) {
    Map<String, List<NetworkSpec.Binding>> ports = new LinkedHashMap<>();
    if (host.portBindings() != null) {
      host.portBindings().forEach((port, bindings) -> ports.put(portKey(port), bindings == null
          ? List.of(new NetworkSpec.Binding("", ""))
          : bindings.stream().map(b -> new NetworkSpec.Binding(b.hostIp(), b.hostPort())).toList()));
    }
    List<String> exposed = new ArrayList<>();
    if (body.exposedPorts() != null) {
      body.exposedPorts().keySet().forEach(p -> exposed.add(portKey(p)));
    }
    Map<String, NetworkSpec.EndpointRequest> endpoints = new LinkedHashMap<>();
    if (body.networkingConfig() != null && body.networkingConfig().endpointsConfig() != null) {
      body.networkingConfig().endpointsConfig().forEach((name, e) -> endpoints.put(name, e == null ? null
          : new NetworkSpec.EndpointRequest(e.aliases() == null ? List.of() : e.aliases(),
              e.ipamConfig() == null ? null : emptyToNull(e.ipamConfig().ipv4Address()))));
    }
    return new NetworkSpec(host.networkMode(), ports, Boolean.TRUE.equals(host.publishAllPorts()), exposed, host.dns(),
        host.dnsSearch(), host.dnsOptions(), host.extraHosts(), endpoints);
  }

  /** {@code 80} → {@code 80/tcp}, as Docker reads a port without protocol. */
  private static String portKey(String port) {
    return port.contains("/") ? port.toLowerCase(java.util.Locale.ROOT) : port + "/tcp";
  }

  /** {@code since}/{@code until}: Unix seconds with an optional fraction, as the docker CLI sends them; 0 is none. */
  private static java.time.Instant time(ApiRequest request, String name) {
    String value = request.query(name);
    if (value == null || value.isEmpty() || value.equals("0")) {
      return null;
    }
    try {
      java.math.BigDecimal seconds = new java.math.BigDecimal(value);
      return java.time.Instant.ofEpochSecond(seconds.longValue(),
          seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).longValue());
    } catch (NumberFormatException e) {
      throw new InvalidArgument("invalid value for \"" + name + "\": " + value);
    }
  }

  private static int tail(String value) {
    if (value == null || value.isEmpty() || value.equals("all")) {
      return -1;
    }
    try {
      return Math.max(-1, Integer.parseInt(value));
    } catch (NumberFormatException e) {
      throw new InvalidArgument("invalid value for \"tail\": " + value);
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private void inspect(ApiRequest request, ApiResponse response) {
    Container c = containers.get(request.param("id"));
    response.json(200, ContainerViews.inspect(c, containers.logPath(c.id()), networks, volumes));
  }

  /** The headers go out at once: the docker CLI waits for them before it sends start. */
  private void waitFor(ApiRequest request, ApiResponse response) {
    var exit = containers.waitFor(request.param("id"), request.query("condition"));
    try (OutputStream out = response.stream(200, ApiResponse.JSON)) {
      int code = exit.join();
      byte[] json = io.wharf.oci.Json.MAPPER.writeValueAsBytes(new WaitResponse(null, code));
      byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
      line[json.length] = '\n';
      out.write(line); // one chunk: the docker CLI leaves as soon as it has read the status
    } catch (IOException e) {
      // the client went away, with its answer (then only the end of the stream was lost) or before
    }
  }

  /**
   * Streams the container's output from its start, stdout and stderr in multiplexed frames
   * unless it has a terminal, until it stops; with {@code stdin=1} the client's input goes to
   * the container's stdin, its end closes stdin ({@code StdinOnce}), and the detach keys end
   * the attachment with the container left running.
   */
  private void attach(ApiRequest request, ApiResponse response) {
    Container c = containers.get(request.param("id"));
    boolean upgrade = "tcp".equalsIgnoreCase(request.header("Upgrade"));
    boolean stdout = request.bool("stdout");
    boolean stderr = request.bool("stderr");
    DetachKeys detachKeys = DetachKeys.parse(request.query("detachKeys"));
    // without logs=1 only what comes after this request: measured before the client can start it
    long from = request.bool("logs") ? 0 : containers.logSize(c.id());
    OutputStream out = response.hijack(upgrade, c.tty() ? RAW : MULTIPLEXED);
    if (request.bool("stdin") && c.openStdin()) {
      InputStream input = response.hijackedInput();
      Thread.ofVirtual().name("attach-stdin-" + c.id().substring(0, 12)).start(
          () -> copyStdin(c, input, detachKeys, out));
    }
    try (out) {
      if (request.bool("stream") || request.bool("logs")) {
        containers.logs(c.id(), new LogOptions(request.bool("stream"), stdout, stderr, null, null, -1, false,
            from), frames(out, c.tty()));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // the client went away, or detached
    }
  }

  private void copyStdin(Container c, InputStream input, DetachKeys detachKeys, OutputStream out) {
    try (input) {
      ContainerService.Stdin stdin = containers.stdin(c.id());
      if (stdin == null) {
        return;
      }
      byte[] buffer = new byte[8192];
      java.io.ByteArrayOutputStream pass = new java.io.ByteArrayOutputStream();
      int n;
      while ((n = input.read(buffer)) >= 0) {
        pass.reset();
        boolean detach = detachKeys.feed(buffer, 0, n, pass);
        if (pass.size() > 0) {
          stdin.write(pass.toByteArray(), 0, pass.size());
        }
        if (detach) {
          out.close(); // the client sees its attachment end; the container runs on
          return;
        }
      }
      if (c.settings().stdinOnce()) {
        stdin.end();
      }
    } catch (IOException | RuntimeException e) {
      // the container stopped or the client went away
    }
  }

  private void logs(ApiRequest request, ApiResponse response) throws IOException {
    Container c = containers.get(request.param("id"));
    boolean stdout = request.bool("stdout");
    boolean stderr = request.bool("stderr");
    if (!stdout && !stderr) {
      throw new InvalidArgument("you must choose at least one stream");
    }
    try (OutputStream out = response.stream(200, c.tty() ? RAW : MULTIPLEXED)) {
      ContainerService.LogSink frames = frames(out, c.tty());
      containers.logs(c.id(), new LogOptions(request.bool("follow"), stdout, stderr, time(request, "since"),
          time(request, "until"), tail(request.query("tail")), request.bool("timestamps"), 0),
          new ContainerService.LogSink() {
            @Override
            public void write(int stream, byte[] bytes) throws IOException {
              frames.write(stream, bytes);
            }

            @Override
            public void write(int stream, byte[] bytes, int offset, int length) throws IOException {
              frames.write(stream, bytes, offset, length);
            }

            @Override
            public boolean gone() {
              return response.clientGone();
            }
          });
    }
  }

  /** Docker's stream framing: an 8-byte header (stream, 0, 0, 0, size) per chunk, unless a tty. */
  static ContainerService.LogSink frames(OutputStream out, boolean tty) {
    return new ContainerService.LogSink() {
      /** One frame's header and payload, reused from write to write (the stream copies what it sends). */
      private byte[] frame = new byte[0];

      @Override
      public void write(int stream, byte[] bytes) throws IOException {
        write(stream, bytes, 0, bytes.length);
      }

      @Override
      public synchronized void write(int stream, byte[] bytes, int offset, int length) throws IOException {
        if (tty) {
          out.write(bytes, offset, length);
          out.flush();
          return;
        }
        if (frame.length < 8 + length) {
          frame = new byte[8 + length];
        }
        frame[0] = (byte) stream;
        frame[4] = (byte) (length >>> 24);
        frame[5] = (byte) (length >>> 16);
        frame[6] = (byte) (length >>> 8);
        frame[7] = (byte) length;
        System.arraycopy(bytes, offset, frame, 8, length);
        out.write(frame, 0, 8 + length);
        out.flush();
      }
    };
  }
}
