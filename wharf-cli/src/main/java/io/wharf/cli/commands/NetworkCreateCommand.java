package io.wharf.cli.commands;

import io.wharf.client.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code wharf network create}: {@code POST /networks/create} with docker's body
 * ({@code Name, Driver, Internal, Attachable, EnableIPv6, IPAM{Driver, Config, Options},
 * Options, Labels}), then the new network's ID. Docker's swarm flags ({@code --scope},
 * {@code --ingress}, {@code --config-only}, {@code --config-from}) and {@code --ipv4} are not
 * offered.
 */
public final class NetworkCreateCommand extends WharfCommand {
  @Flag(names = "--attachable", description = "Enable manual container attachment")
  boolean attachable;

  @Flag(names = "--aux-address", label = "map", description = "Auxiliary IPv4 or IPv6 addresses used by Network driver (default map[])")
  List<String> auxAddresses = new java.util.ArrayList<>();

  @Flag(names = {"-d", "--driver"}, label = "string", description = "Driver to manage the Network (default \"bridge\")")
  String driver = "bridge";

  @Flag(names = "--gateway", label = "strings", description = "IPv4 or IPv6 Gateway for the master subnet")
  List<String> gateways = new java.util.ArrayList<>();

  @Flag(names = "--internal", description = "Restrict external access to the network")
  boolean internal;

  @Flag(names = "--ip-range", label = "strings", description = "Allocate container ip from a sub-range")
  List<String> ipRanges = new java.util.ArrayList<>();

  @Flag(names = "--ipam-driver", label = "string", description = "IP Address Management Driver (default \"default\")")
  String ipamDriver = "default";

  @Flag(names = "--ipam-opt", label = "map", description = "Set IPAM driver specific options (default map[])")
  List<String> ipamOptions = new java.util.ArrayList<>();

  /** Sent only when given, as docker sends it. */
  @Flag(names = "--ipv6", description = "Enable or disable IPv6 address assignment")
  Boolean ipv6;

  @Flag(names = "--label", label = "list", description = "Set metadata on a network")
  List<String> labels = new java.util.ArrayList<>();

  @Flag(names = {"-o", "--opt"}, label = "map", description = "Set driver specific options (default map[])")
  List<String> options = new java.util.ArrayList<>();

  @Flag(names = "--subnet", label = "strings", description = "Subnet in CIDR format that represents a network segment")
  List<String> subnets = new java.util.ArrayList<>();

  @Override
  public String usageArgs() {
    return "[OPTIONS] NETWORK";
  }

  @Override
  public String description() {
    return "Create a network";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, 1);
    try (Response created = ctx.client().post("/networks/create", body())) {
      ctx.out().println(created.object().get("Id"));
    }
    return 0;
  }

  /** The body of {@code POST /networks/create}, as plain JSON values. */
  Map<String, Object> body() {
    Map<String, String> labelMap = FlagValues.labels(labels);
    List<Map<String, Object>> pools;
    try {
      pools = IpamPools.config(FlagValues.slice(subnets), FlagValues.slice(ipRanges), FlagValues.slice(gateways),
          keyValues(auxAddresses));
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage(), 1);
    }
    Map<String, Object> ipam = new LinkedHashMap<>();
    ipam.put("Driver", ipamDriver);
    ipam.put("Config", pools);
    ipam.put("Options", keyValues(ipamOptions));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Name", args.getFirst());
    body.put("Driver", driver);
    body.put("Internal", internal);
    body.put("Attachable", attachable);
    if (ipv6 != null) {
      body.put("EnableIPv6", ipv6);
    }
    body.put("IPAM", ipam);
    body.put("Options", keyValues(options));
    body.put("Labels", labelMap);
    return body;
  }

  /** A {@code map} flag ({@code -o key=value}, a key alone maps to ""); keys sorted, as Go writes a map. */
  private static Map<String, String> keyValues(List<String> values) {
    Map<String, String> map = new TreeMap<>();
    for (String value : values) {
      int eq = value.indexOf('=');
      map.put(eq < 0 ? value : value.substring(0, eq), eq < 0 ? "" : value.substring(eq + 1));
    }
    return map;
  }
}
