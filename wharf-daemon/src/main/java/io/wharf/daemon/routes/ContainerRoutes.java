package io.wharf.daemon.routes;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.daemon.http.Router;
import io.wharf.oci.errors.NotFound;
import java.util.List;

/**
 * The container, network and volume routes this engine has so far. Wharf runs no containers
 * yet (that is the containers issue): {@code GET /containers/json} is truthfully empty, and
 * looking up any container, network or volume is Docker's 404, which is what lets
 * {@code docker inspect x} fall through to images and end with "No such object". Thread-safe.
 */
public final class ContainerRoutes {
  public void register(Router router) {
    router.add(HttpMethod.GET, "/containers/json", (request, response) -> response.json(200, List.of()))
        .add(HttpMethod.GET, "/containers/{id}/json", (request, response) -> {
          throw new NotFound("No such container: " + request.param("id"));
        })
        .add(HttpMethod.GET, "/networks/{id}", (request, response) -> {
          throw new NotFound("network " + request.param("id") + " not found");
        })
        .add(HttpMethod.GET, "/volumes/{name}", (request, response) -> {
          throw new NotFound("get " + request.param("name") + ": no such volume");
        });
  }
}
