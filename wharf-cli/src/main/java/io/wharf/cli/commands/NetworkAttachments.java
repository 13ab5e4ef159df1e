package io.wharf.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The networks of {@code run}/{@code create} as the docker 28 CLI sends them:
 * {@code HostConfig.NetworkMode} is the first {@code --network} ({@code default} without one)
 * and {@code NetworkingConfig.EndpointsConfig} holds an endpoint per network, with
 * {@code --network-alias} and {@code --ip} on the first. Docker leaves out the endpoint of a
 * single network that has no settings, yet sends an empty {@code default} endpoint when no
 * network is named. Immutable.
 */
record NetworkAttachments(String networkMode, Map<String, Object> endpoints) {
  private static final List<String> UNSUPPORTED_KEYS = List.of("ip6", "mac-address", "link-local-ip", "driver-opt",
      "gw-priority");

  /** One {@code --network} value: a name, or the long syntax {@code name=n,alias=a,ip=i}. */
  private record Attachment(String target, List<String> aliases, String ip) {}

  /**
   * From the {@code --network}, {@code --network-alias} and {@code --ip} values; throws
   * IllegalArgumentException with docker's message, or a usage error for a bad
   * {@code --network} value.
   */
  static NetworkAttachments of(List<String> networks, List<String> aliases, String ip) {
    List<Attachment> attachments = new ArrayList<>();
    for (String value : networks) {
      attachments.add(attachment(value));
    }
    Map<String, Object> endpoints = new LinkedHashMap<>();
    if (attachments.isEmpty()) {
      endpoints.put("default", endpoint(withContainerOptions(new Attachment("default", List.of(), null), aliases, ip)));
    }
    boolean userDefined = false;
    boolean other = false;
    for (int i = 0; i < attachments.size(); i++) {
      Attachment attachment = attachments.get(i);
      if (isUserDefined(attachment.target())) {
        userDefined = true;
      } else {
        other = true;
      }
      if (i == 0) {
        attachment = withContainerOptions(attachment, aliases, ip);
      }
      Map<String, Object> endpoint = endpoint(attachment);
      if (endpoints.containsKey(attachment.target())) {
        throw new IllegalArgumentException("network \"" + attachment.target() + "\" is specified multiple times");
      }
      boolean empty = endpoint.get("Aliases") == null && endpoint.get("IPAMConfig") == null;
      if (!(i == 0 && attachments.size() == 1 && empty)) {
        endpoints.put(attachment.target(), endpoint);
      }
    }
    if (userDefined && other) {
      throw new IllegalArgumentException(
          "conflicting options: cannot attach both user-defined and non-user-defined network-modes");
    }
    return new NetworkAttachments(attachments.isEmpty() ? "default" : attachments.getFirst().target(), endpoints);
  }

  /** Not one of docker's own modes: {@code default}, {@code bridge}, {@code host}, {@code none}, {@code container:x}. */
  static boolean isUserDefined(String mode) {
    return !(mode.equals("default") || mode.equals("bridge") || mode.equals("host") || mode.equals("none")
        || mode.startsWith("container:"));
  }

  private static Attachment attachment(String value) {
    if (!value.matches("(?s).*\\w+=\\w+.*")) {
      return new Attachment(value, List.of(), null);
    }
    String target = "";
    List<String> aliases = new ArrayList<>();
    String ip = null;
    for (String field : value.split(",", -1)) {
      // docker lower-cases the whole field, values too
      String lower = field.toLowerCase(Locale.ROOT);
      int eq = lower.indexOf('=');
      if (eq <= 0) {
        throw FlagValues.invalid(value, "--network", "invalid field " + field);
      }
      String key = lower.substring(0, eq).strip();
      String val = lower.substring(eq + 1).strip();
      switch (key) {
        case "name" -> target = val;
        case "alias" -> aliases.add(val);
        case "ip" -> ip = val;
        default -> throw FlagValues.invalid(value, "--network", "invalid field key " + key
            + (UNSUPPORTED_KEYS.contains(key) ? " (not supported by wharf)" : ""));
      }
    }
    if (target.isEmpty()) {
      throw FlagValues.invalid(value, "--network", "network name not specified");
    }
    return new Attachment(target, aliases, ip);
  }

  /** The first network takes {@code --network-alias} and {@code --ip}, unless it names its own. */
  private static Attachment withContainerOptions(Attachment attachment, List<String> aliases, String ip) {
    if (!attachment.aliases().isEmpty() && !aliases.isEmpty()) {
      throw new IllegalArgumentException("conflicting options: cannot specify both --network-alias and per-network alias");
    }
    if (attachment.ip() != null && !attachment.ip().isEmpty() && ip != null && !ip.isEmpty()) {
      throw new IllegalArgumentException("conflicting options: cannot specify both --ip and per-network IPv4 address");
    }
    return new Attachment(attachment.target(), aliases.isEmpty() ? attachment.aliases() : List.copyOf(aliases),
        ip == null || ip.isEmpty() ? attachment.ip() : ip);
  }

  private static Map<String, Object> endpoint(Attachment attachment) {
    if (attachment.target().isBlank()) {
      throw new IllegalArgumentException("no name set for network");
    }
    if (!isUserDefined(attachment.target()) && !attachment.aliases().isEmpty()) {
      throw new IllegalArgumentException("network-scoped aliases are only supported for user-defined networks");
    }
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("Aliases", attachment.aliases().isEmpty() ? null : new ArrayList<>(attachment.aliases()));
    endpoint.put("IPAMConfig", attachment.ip() == null || attachment.ip().isEmpty() ? null
        : Map.of("IPv4Address", attachment.ip()));
    return endpoint;
  }
}
