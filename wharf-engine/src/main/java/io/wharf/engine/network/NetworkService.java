package io.wharf.engine.network;

import java.util.List;
import java.util.Map;

/**
 * The networks of one engine, as {@code docker network …} sees them, and the network side of
 * each container's life. Names: a network's name, full ID or unique ID prefix; no match throws
 * {@code NotFound("network x not found")}.
 *
 * <p>Life of a container's network: {@link #attach} at create records its endpoints (one per
 * network joined) after checking them; {@link #start} before the OCI runtime creates the
 * container makes its network namespace, veths, addresses, routes, published ports and DNS,
 * and returns the {@link Sandbox} the bundle needs — no hook runs inside the runtime;
 * {@link #stop} after it exits undoes all that (addresses and ports are released, as Docker
 * releases them); {@link #detach} at removal forgets its endpoints.
 *
 * <p>Every kernel object is named for this daemon (bridges {@code w<tag>-<id>}, veths
 * {@code v<tag><endpoint>}, iptables chains {@code WHARF-<tag>…}), so that start-up can remove
 * whatever a crash left and nothing of another daemon (or a real Docker) is ever touched.
 * Thread-safe.
 */
public interface NetworkService {
  Network create(NetworkCreateRequest request);

  /** {@code docker network ls}: filters {@code driver}, {@code id}, {@code label}, {@code name}, {@code scope}, {@code type}, {@code dangling}. */
  List<Network> list(Map<String, List<String>> filters);

  Network get(String name);

  /** {@code docker network rm}: Conflict while a container is attached; Forbidden for the predefined ones. */
  void remove(String name);

  /** {@code docker network prune}: the names of the removed user networks. */
  List<String> prune(Map<String, List<String>> filters);

  /** The endpoints of {@code network} (every container attached, running or not). */
  List<Endpoint> endpoints(String network);

  /** The endpoints of container {@code containerId}, in the order it joined its networks. */
  List<Endpoint> endpointsOf(String containerId);

  /** The sandbox of a running container, or null. */
  Sandbox sandbox(String containerId);

  /** At create: checks {@code spec} and records the container's endpoints; returns the spec with names resolved. */
  NetworkSpec attach(String containerId, String containerName, NetworkSpec spec);

  /** Before the runtime creates the container: its network, made. */
  Sandbox start(String containerId, String hostname, NetworkSpec spec);

  /** After the container exited (or failed to start): its network, undone. Idempotent. */
  void stop(String containerId);

  /** When the container is removed: its endpoints, forgotten. */
  void detach(String containerId);

  /** {@code docker network connect} of a created or running container. */
  void connect(String network, String containerId, String containerName, NetworkSpec.EndpointRequest request);

  /** {@code docker network disconnect}. */
  void disconnect(String network, String containerId, boolean force);

  /** The container was renamed: its DNS name follows. */
  void rename(String containerId, String newName);
}
