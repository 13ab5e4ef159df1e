package io.wharf.daemon.routes;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.daemon.http.ApiRequest;
import io.wharf.daemon.http.ApiResponse;
import io.wharf.daemon.http.Router;
import io.wharf.engine.archive.ContainerArchive;
import io.wharf.engine.container.ContainerService;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code docker cp}: {@code HEAD}/{@code GET}/{@code PUT /containers/{id}/archive}, with the
 * path's stat in {@code X-Docker-Container-Path-Stat} (base64 of its JSON), as the docker CLI
 * needs it. Everything is resolved inside the container's root, whatever links it holds.
 * Thread-safe.
 */
public final class ArchiveRoutes {
  private static final String STAT_HEADER = "X-Docker-Container-Path-Stat";

  private final ContainerService containers;

  public ArchiveRoutes(ContainerService containers) {
    this.containers = containers;
  }

  public void register(Router router) {
    router.add(HttpMethod.GET, "/containers/{id}/archive", this::get)
        .add(HttpMethod.PUT, "/containers/{id}/archive", this::put);
  }

  private void get(ApiRequest request, ApiResponse response) {
    String path = path(request);
    containers.onFilesystem(request.param("id"), (root, c) -> {
      ContainerArchive.PathStat stat = ContainerArchive.stat(root, path, c.name());
      response.header(STAT_HEADER, header(stat));
      if (request.method().equals(HttpMethod.HEAD)) {
        response.status(200);
        return null;
      }
      try (OutputStream out = new java.io.BufferedOutputStream(response.stream(200, "application/x-tar"), 1 << 16)) {
        ContainerArchive.write(root, path, c.name(), out);
      }
      return null;
    });
  }

  private void put(ApiRequest request, ApiResponse response) {
    String path = path(request);
    boolean noOverwrite = request.bool("noOverwriteDirNonDir");
    containers.onFilesystem(request.param("id"), (root, c) -> {
      ContainerArchive.extract(root, path, c.name(), request.body(), noOverwrite);
      return null;
    });
    response.status(200);
  }

  private static String path(ApiRequest request) {
    String path = request.query("path");
    if (path == null || path.isEmpty()) {
      throw new InvalidArgument("path is required");
    }
    return path;
  }

  private static String header(ContainerArchive.PathStat stat) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", stat.name());
    json.put("size", stat.size());
    json.put("mode", stat.mode());
    json.put("mtime", stat.mtime());
    json.put("linkTarget", stat.linkTarget());
    return Base64.getEncoder().encodeToString(Json.MAPPER.writeValueAsBytes(json));
  }
}
