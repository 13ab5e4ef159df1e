package io.wharf.daemon.routes;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.api.container.ContainerCreateResponse;
import io.wharf.api.container.ExecCreateBody;
import io.wharf.api.container.ExecInspect;
import io.wharf.api.container.ExecStartBody;
import io.wharf.daemon.http.ApiRequest;
import io.wharf.daemon.http.ApiResponse;
import io.wharf.daemon.http.Router;
import io.wharf.engine.container.ContainerService;
import io.wharf.engine.container.ExecRequest;
import io.wharf.engine.container.ExecSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** {@code docker exec}: {@code /containers/{id}/exec} and {@code /exec/{id}/…}. Thread-safe. */
public final class ExecRoutes {
  private final ContainerService containers;

  public ExecRoutes(ContainerService containers) {
    this.containers = containers;
  }

  public void register(Router router) {
    router.add(HttpMethod.POST, "/containers/{id}/exec", this::create)
        .add(HttpMethod.POST, "/exec/{id}/start", this::start)
        .add(HttpMethod.GET, "/exec/{id}/json", this::inspect)
        .add(HttpMethod.POST, "/exec/{id}/resize", (rq, rs) -> {
          containers.execResize(rq.param("id"), rq.integer("h", 0), rq.integer("w", 0));
          rs.status(200);
        });
  }

  private void create(ApiRequest request, ApiResponse response) {
    ExecCreateBody body = request.json(ExecCreateBody.class);
    ExecSession session = containers.execCreate(request.param("id"), new ExecRequest(body.cmd(), body.env(),
        body.workingDir(), body.user(), Boolean.TRUE.equals(body.tty()), Boolean.TRUE.equals(body.attachStdin()),
        Boolean.TRUE.equals(body.attachStdout()), Boolean.TRUE.equals(body.attachStderr()),
        Boolean.TRUE.equals(body.privileged()), body.detachKeys()));
    response.json(201, new ContainerCreateResponse(session.id(), List.of()));
  }

  private void start(ApiRequest request, ApiResponse response) {
    ExecStartBody body = request.json(ExecStartBody.class);
    ExecSession session = containers.exec(request.param("id"));
    if (Boolean.TRUE.equals(body.detach())) {
      containers.execStart(session.id(), null, null, true);
      response.status(200);
      return;
    }
    var wanted = session.request();
    boolean tty = wanted.tty();
    boolean upgrade = "tcp".equalsIgnoreCase(request.header("Upgrade"));
    OutputStream out = response.hijack(upgrade,
        tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream");
    InputStream stdin = wanted.attachStdin() ? response.hijackedInput() : null;
    ContainerService.LogSink frames = ContainerRoutes.frames(out, tty);
    ContainerService.LogSink sink = (stream, bytes) -> {
      if ((stream == 1 && wanted.attachStdout()) || (stream == 2 && wanted.attachStderr())) {
        frames.write(stream, bytes);
      }
    };
    if (tty && body.consoleSize() != null && body.consoleSize().size() == 2) {
      session.consoleSize(body.consoleSize().get(0), body.consoleSize().get(1));
    }
    try (out) {
      containers.execStart(session.id(), stdin, sink, false);
    } catch (IOException e) {
      // the client went away
    }
  }

  private void inspect(ApiRequest request, ApiResponse response) {
    ExecSession s = containers.exec(request.param("id"));
    var r = s.request();
    response.json(200, new ExecInspect(s.id(), s.running(), s.exitCode(),
        new ExecInspect.ProcessConfig(r.tty(), r.cmd().getFirst(), r.cmd().subList(1, r.cmd().size()), r.privileged(),
            r.user() == null ? "" : r.user()),
        r.attachStdin(), r.attachStderr(), r.attachStdout(), !s.running() && s.exitCode() != null,
        s.containerId(), r.detachKeys() == null ? "" : r.detachKeys(), s.pid()));
  }
}
