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
import io.wharf.engine.container.CreateRequest;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import java.io.IOException;
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

  public ContainerRoutes(ContainerService containers) {
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
        .add(HttpMethod.POST, "/containers/{id}/attach", this::attach)
        .add(HttpMethod.GET, "/containers/{id}/logs", this::logs)
        .add(HttpMethod.POST, "/containers/{id}/stop", (rq, rs) -> {
          String t = rq.query("t");
          containers.stop(rq.param("id"), t == null || t.isEmpty() ? 10 : Integer.parseInt(t));
          rs.status(204);
        })
        .add(HttpMethod.POST, "/containers/{id}/kill", (rq, rs) -> {
          containers.kill(rq.param("id"), rq.query("signal"));
          rs.status(204);
        })
        .add(HttpMethod.DELETE, "/containers/{id}", (rq, rs) -> {
          containers.remove(rq.param("id"), rq.bool("force"));
          rs.status(204);
        })
        .add(HttpMethod.GET, "/networks/{id}", (request, response) -> {
          throw new NotFound("network " + request.param("id") + " not found");
        })
        .add(HttpMethod.GET, "/volumes/{name}", (request, response) -> {
          throw new NotFound("get " + request.param("name") + ": no such volume");
        });
  }

  private void list(ApiRequest request, ApiResponse response) {
    List<Object> summaries = new ArrayList<>();
    List<Container> all = containers.list(request.bool("all"));
    String limit = request.query("limit");
    int max = limit == null || limit.isEmpty() ? Integer.MAX_VALUE : Math.max(0, Integer.parseInt(limit));
    for (Container c : all.subList(0, Math.min(max, all.size()))) {
      summaries.add(ContainerViews.summary(c));
    }
    response.json(200, summaries);
  }

  private void create(ApiRequest request, ApiResponse response) {
    ContainerCreateBody body = request.json(ContainerCreateBody.class);
    if (body == null || body.image() == null || body.image().isEmpty()) {
      throw new InvalidArgument("config cannot be empty in order to create a container");
    }
    boolean autoRemove = body.hostConfig() != null && Boolean.TRUE.equals(body.hostConfig().autoRemove());
    Container c = containers.create(new CreateRequest(body.image(), request.query("name"), body.entrypoint(),
        body.cmd(), body.env(), body.workingDir(), body.user(), body.hostname(), Boolean.TRUE.equals(body.tty()),
        Boolean.TRUE.equals(body.openStdin()), body.labels(), autoRemove));
    response.json(201, new ContainerCreateResponse(c.id(), List.of()));
  }

  private void inspect(ApiRequest request, ApiResponse response) {
    response.json(200, ContainerViews.inspect(containers.get(request.param("id"))));
  }

  /** The headers go out at once: the docker CLI waits for them before it sends start. */
  private void waitFor(ApiRequest request, ApiResponse response) throws IOException {
    var exit = containers.waitFor(request.param("id"), request.query("condition"));
    try (OutputStream out = response.stream(200, ApiResponse.JSON)) {
      int code = exit.join();
      out.write(io.wharf.oci.Json.MAPPER.writeValueAsBytes(new WaitResponse(null, code)));
      out.write('\n');
    }
  }

  /**
   * Streams the container's output from its start, stdout and stderr in multiplexed frames
   * unless it has a terminal, until it stops. stdin is not passed on yet.
   */
  private void attach(ApiRequest request, ApiResponse response) {
    Container c = containers.get(request.param("id"));
    boolean upgrade = "tcp".equalsIgnoreCase(request.header("Upgrade"));
    boolean stdout = request.bool("stdout");
    boolean stderr = request.bool("stderr");
    OutputStream out = response.hijack(upgrade, c.tty() ? RAW : MULTIPLEXED);
    try (out) {
      if (request.bool("stream") || request.bool("logs")) {
        containers.logs(c.id(), request.bool("stream"), stdout, stderr, frames(out, c.tty()));
      }
    } catch (IOException e) {
      // the client went away
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
      containers.logs(c.id(), request.bool("follow"), stdout, stderr, frames(out, c.tty()));
    }
  }

  /** Docker's stream framing: an 8-byte header (stream, 0, 0, 0, size) per chunk, unless a tty. */
  private static ContainerService.LogSink frames(OutputStream out, boolean tty) {
    if (tty) {
      return (stream, bytes) -> {
        out.write(bytes);
        out.flush();
      };
    }
    return (stream, bytes) -> {
      byte[] frame = new byte[8 + bytes.length];
      frame[0] = (byte) stream;
      frame[4] = (byte) (bytes.length >>> 24);
      frame[5] = (byte) (bytes.length >>> 16);
      frame[6] = (byte) (bytes.length >>> 8);
      frame[7] = (byte) bytes.length;
      System.arraycopy(bytes, 0, frame, 8, bytes.length);
      out.write(frame);
      out.flush();
    };
  }
}
