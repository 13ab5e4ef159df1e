package io.wharf.api.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /networks/create}. Every field may be null. */
public record NetworkCreateBody(
    @JsonProperty("Name") String name,
    @JsonProperty("Driver") String driver,
    @JsonProperty("Internal") Boolean internal,
    @JsonProperty("Attachable") Boolean attachable,
    @JsonProperty("EnableIPv6") Boolean enableIpv6,
    @JsonProperty("IPAM") Ipam ipam,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("Labels") Map<String, String> labels) {

  /** {@code IPAM}: the driver (only {@code default}) and the subnets asked for. */
  public record Ipam(@JsonProperty("Driver") String driver, @JsonProperty("Config") List<IpamPool> config,
      @JsonProperty("Options") Map<String, String> options) {}

  /** One subnet of a network: {@code --subnet}, {@code --ip-range}, {@code --gateway}. */
  public record IpamPool(@JsonProperty("Subnet") String subnet, @JsonProperty("IPRange") String ipRange,
      @JsonProperty("Gateway") String gateway,
      @JsonProperty("AuxiliaryAddresses") Map<String, String> auxiliaryAddresses) {}
}
