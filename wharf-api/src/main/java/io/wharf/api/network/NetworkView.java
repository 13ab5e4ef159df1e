package io.wharf.api.network;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A network as {@code GET /networks} and {@code GET /networks/{id}} show it. {@code Containers}
 * is filled by inspect and empty in the list, as dockerd does.
 */
public record NetworkView(
    @JsonProperty("Name") String name,
    @JsonProperty("Id") String id,
    @JsonProperty("Created") String created,
    @JsonProperty("Scope") String scope,
    @JsonProperty("Driver") String driver,
    @JsonProperty("EnableIPv6") boolean enableIpv6,
    @JsonProperty("IPAM") Ipam ipam,
    @JsonProperty("Internal") boolean internal,
    @JsonProperty("Attachable") boolean attachable,
    @JsonProperty("Ingress") boolean ingress,
    @JsonProperty("ConfigFrom") Map<String, String> configFrom,
    @JsonProperty("ConfigOnly") boolean configOnly,
    @JsonProperty("Containers") Map<String, Endpoint> containers,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("Labels") Map<String, String> labels) {

  /** {@code IPAM} of a network. */
  public record Ipam(@JsonProperty("Driver") String driver, @JsonProperty("Options") Map<String, String> options,
      @JsonProperty("Config") List<Pool> config) {}

  /** One subnet of a network as shown. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Pool(@JsonProperty("Subnet") String subnet, @JsonProperty("IPRange") String ipRange,
      @JsonProperty("Gateway") String gateway) {}

  /** A container on the network. */
  public record Endpoint(@JsonProperty("Name") String name, @JsonProperty("EndpointID") String endpointId,
      @JsonProperty("MacAddress") String macAddress, @JsonProperty("IPv4Address") String ipv4Address,
      @JsonProperty("IPv6Address") String ipv6Address) {}
}
