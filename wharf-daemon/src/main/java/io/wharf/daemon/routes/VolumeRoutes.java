package io.wharf.daemon.routes;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.daemon.http.ApiRequest;
import io.wharf.daemon.http.ApiResponse;
import io.wharf.daemon.http.Router;
import io.wharf.engine.volume.Volume;
import io.wharf.engine.volume.VolumeService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code /volumes/…} routes. Thread-safe. */
public final class VolumeRoutes {
  private final VolumeService volumes;

  public VolumeRoutes(VolumeService volumes) {
    this.volumes = volumes;
  }

  public void register(Router router) {
    router.add(HttpMethod.GET, "/volumes", this::list)
        .add(HttpMethod.POST, "/volumes/create", this::create)
        .add(HttpMethod.POST, "/volumes/prune", this::prune)
        .add(HttpMethod.GET, "/volumes/{name}", (rq, rs) -> rs.json(200, view(volumes.get(rq.param("name")))))
        .add(HttpMethod.DELETE, "/volumes/{name}", (rq, rs) -> {
          volumes.remove(rq.param("name"), rq.bool("force"));
          rs.status(204);
        });
  }

  /** A volume as Docker shows it. */
  static Map<String, Object> view(Volume v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("CreatedAt", v.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    out.put("Driver", v.driver());
    out.put("Labels", v.labels());
    out.put("Mountpoint", v.mountpoint());
    out.put("Name", v.name());
    out.put("Options", v.options().isEmpty() ? null : v.options());
    out.put("Scope", "local");
    return out;
  }

  private void list(ApiRequest request, ApiResponse response) {
    List<Object> out = new ArrayList<>();
    for (Volume v : volumes.list(request.filters())) {
      out.add(view(v));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Volumes", out);
    body.put("Warnings", null);
    response.json(200, body);
  }

  @SuppressWarnings("unchecked")
  private void create(ApiRequest request, ApiResponse response) throws IOException {
    Map<String, Object> body = request.json(Map.class);
    Map<String, Object> b = body == null ? Map.of() : body;
    Volume v = volumes.create((String) b.get("Name"), (String) b.get("Driver"),
        (Map<String, String>) b.get("Labels"), (Map<String, String>) b.get("DriverOpts"));
    response.json(201, view(v));
  }

  private void prune(ApiRequest request, ApiResponse response) {
    VolumeService.PruneResult result = volumes.prune(request.filters(), false);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("VolumesDeleted", result.deleted().isEmpty() ? null : result.deleted());
    body.put("SpaceReclaimed", result.spaceReclaimed());
    response.json(200, body);
  }
}
