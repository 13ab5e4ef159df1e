package io.wharf.engine.network;

/**
 * One published port of a running container: {@code hostIp:hostPort -> containerPort/protocol}.
 * {@code hostIp} is {@code 0.0.0.0} for every address of the host. Immutable.
 */
public record PortMapping(String protocol, int containerPort, String hostIp, int hostPort) {
  /** Docker's key for the container side: {@code 80/tcp}. */
  public String key() {
    return containerPort + "/" + protocol;
  }
}
