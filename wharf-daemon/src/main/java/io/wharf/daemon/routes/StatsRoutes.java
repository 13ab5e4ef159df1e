package io.wharf.daemon.routes;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.daemon.http.ApiRequest;
import io.wharf.daemon.http.ApiResponse;
import io.wharf.daemon.http.Router;
import io.wharf.engine.container.ContainerService;
import io.wharf.engine.container.stats.ContainerStats;
import io.wharf.engine.container.stats.StatsSnapshot;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code docker stats} and {@code docker top}: {@code GET /containers/{id}/stats} and
 * {@code GET /containers/{id}/top}. A stats stream is one JSON object a line, a second apart;
 * its waits sleep the request's virtual thread. Thread-safe.
 */
public final class StatsRoutes {
  private final ContainerStats stats;

  /**
   * @param cgroupParent the cgroup the daemon's containers are under, {@code wharf-<tag>}
   */
  public StatsRoutes(ContainerService containers, String cgroupParent) {
    this.stats = new ContainerStats(containers, cgroupParent);
  }

  public void register(Router router) {
    router.add(HttpMethod.GET, "/containers/{id}/stats", this::stats)
        .add(HttpMethod.GET, "/containers/{id}/top", (rq, rs) -> {
          String psArgs = rq.query("ps_args");
          rs.json(200, stats.top(rq.param("id"), psArgs == null ? "" : psArgs));
        });
  }

  /**
   * {@code stream} defaults to true in Docker; {@code one-shot} (API 1.41 and later) only goes
   * with {@code stream=0}.
   */
  private void stats(ApiRequest request, ApiResponse response) throws Exception {
    boolean stream = request.query("stream") == null || request.bool("stream");
    boolean oneShot = request.version().atLeast(41) && request.bool("one-shot");
    if (stream && oneShot) {
      throw new InvalidArgument("cannot have stream=true and one-shot=true");
    }
    if (!stream) {
      response.json(200, stats.once(request.param("id"), oneShot));
      return;
    }
    OutputStream[] out = new OutputStream[1];
    try {
      stats.stream(request.param("id"), snapshot -> {
        if (out[0] == null) {
          out[0] = response.stream(200, ApiResponse.JSON);
        }
        out[0].write(line(snapshot));
      });
    } catch (IOException e) {
      // the client went away
    } finally {
      if (out[0] != null) {
        out[0].close();
      }
    }
  }

  /** The snapshot and a newline, as Go's JSON encoder writes each object of a stream. */
  private static byte[] line(StatsSnapshot snapshot) throws IOException {
    byte[] json = Json.MAPPER.writeValueAsBytes(snapshot);
    byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
    line[json.length] = '\n';
    return line;
  }
}
