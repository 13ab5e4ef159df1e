package io.wharf.daemon.routes;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.api.network.NetworkConnectBody;
import io.wharf.api.network.NetworkCreateBody;
import io.wharf.api.network.NetworkView;
import io.wharf.daemon.http.ApiRequest;
import io.wharf.daemon.http.ApiResponse;
import io.wharf.daemon.http.Router;
import io.wharf.engine.container.Container;
import io.wharf.engine.container.ContainerService;
import io.wharf.engine.network.Network;
import io.wharf.engine.network.NetworkCreateRequest;
import io.wharf.engine.network.NetworkService;
import io.wharf.engine.network.NetworkSpec;
import io.wharf.oci.errors.InvalidArgument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code /networks/…} routes. Thread-safe. */
public final class NetworkRoutes {
  private final NetworkService networks;
  private final ContainerService containers;

  public NetworkRoutes(NetworkService networks, ContainerService containers) {
    this.networks = networks;
    this.containers = containers;
  }

  public void register(Router router) {
    router.add(HttpMethod.GET, "/networks", this::list)
        .add(HttpMethod.POST, "/networks/create", this::create)
        .add(HttpMethod.POST, "/networks/prune", this::prune)
        .add(HttpMethod.GET, "/networks/{id}", this::inspect)
        .add(HttpMethod.DELETE, "/networks/{id}", this::remove)
        .add(HttpMethod.POST, "/networks/{id}/connect", this::connect)
        .add(HttpMethod.POST, "/networks/{id}/disconnect", this::disconnect);
  }

  private void list(ApiRequest request, ApiResponse response) {
    List<NetworkView> views = new ArrayList<>();
    for (Network n : networks.list(request.filters())) {
      views.add(NetworkViews.network(n, networks.endpoints(n.id()), false));
    }
    response.json(200, views);
  }

  private void inspect(ApiRequest request, ApiResponse response) {
    Network n = networks.get(request.param("id"));
    response.json(200, NetworkViews.network(n, networks.endpoints(n.id()), true));
  }

  private void create(ApiRequest request, ApiResponse response) {
    NetworkCreateBody body = request.json(NetworkCreateBody.class);
    if (body == null) {
      throw new InvalidArgument("network create: a JSON body is required");
    }
    NetworkCreateBody.IpamPool pool = body.ipam() == null || body.ipam().config() == null
        || body.ipam().config().isEmpty() ? null : body.ipam().config().getFirst();
    if (body.ipam() != null && body.ipam().config() != null && body.ipam().config().size() > 1) {
      throw new InvalidArgument("only one IPv4 subnet per network is supported");
    }
    Network n = networks.create(new NetworkCreateRequest(body.name(), body.driver(), pool == null ? null : pool.subnet(),
        pool == null ? null : pool.ipRange(), pool == null ? null : pool.gateway(), Boolean.TRUE.equals(body.internal()),
        Boolean.TRUE.equals(body.attachable()), body.labels(), body.options()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("Id", n.id());
    answer.put("Warning", "");
    response.json(201, answer);
  }

  private void remove(ApiRequest request, ApiResponse response) {
    networks.remove(request.param("id"));
    response.status(204);
  }

  private void prune(ApiRequest request, ApiResponse response) {
    List<String> removed = networks.prune(request.filters());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("NetworksDeleted", removed.isEmpty() ? null : removed);
    response.json(200, answer);
  }

  private void connect(ApiRequest request, ApiResponse response) {
    NetworkConnectBody body = request.json(NetworkConnectBody.class);
    Container c = containers.get(body == null || body.container() == null ? "" : body.container());
    var e = body.endpointConfig();
    NetworkSpec.EndpointRequest endpoint = e == null ? null : new NetworkSpec.EndpointRequest(
        e.aliases() == null ? List.of() : e.aliases(),
        e.ipamConfig() == null || e.ipamConfig().ipv4Address() == null || e.ipamConfig().ipv4Address().isEmpty()
            ? null : e.ipamConfig().ipv4Address());
    networks.connect(request.param("id"), c.id(), c.name(), endpoint);
    response.status(200);
  }

  private void disconnect(ApiRequest request, ApiResponse response) {
    NetworkConnectBody body = request.json(NetworkConnectBody.class);
    String name = body == null || body.container() == null ? "" : body.container();
    String id;
    try {
      id = containers.get(name).id();
    } catch (io.wharf.oci.errors.NotFound e) {
      if (body != null && Boolean.TRUE.equals(body.force())) {
        id = name; // a container that is gone: its endpoint may still be forced out
      } else {
        throw e;
      }
    }
    networks.disconnect(request.param("id"), id, body != null && Boolean.TRUE.equals(body.force()));
    response.status(200);
  }
}
