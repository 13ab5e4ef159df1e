package io.wharf.cli.commands;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --restart no|always|unless-stopped|on-failure[:max-retries]}, read as the docker CLI's
 * {@code opts.ParseRestartPolicy} reads it. Like docker, the CLI does not check the name or the
 * count against it: the daemon refuses what it does not know ({@code always:3}, {@code sometimes}).
 * Immutable.
 *
 * @param name the policy; empty for none given, which the daemon reads as unchanged or {@code no}
 * @param maximumRetryCount the count after the colon, 0 without one
 */
record RestartPolicy(String name, long maximumRetryCount) {
  /** {@code policy} as docker parses it; IllegalArgumentException in docker's words otherwise. */
  static RestartPolicy parse(String policy) {
    int colon = policy.indexOf(':');
    String name = colon < 0 ? policy : policy.substring(0, colon);
    String count = colon < 0 ? "" : policy.substring(colon + 1);
    if (colon >= 0 && name.isEmpty()) {
      throw new IllegalArgumentException("invalid restart policy format: no policy provided before colon");
    }
    long maximum = 0;
    if (!count.isEmpty()) {
      // strconv.Atoi: decimal digits with an optional sign
      if (!count.matches("[+-]?[0-9]+")) {
        throw new IllegalArgumentException("invalid restart policy format: maximum retry count must be an integer");
      }
      try {
        maximum = Long.parseLong(count);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid restart policy format: maximum retry count must be an integer");
      }
    }
    return new RestartPolicy(name, maximum);
  }

  /** Docker's {@code IsNone}: no policy, which is all {@code --rm} may be combined with. */
  boolean isNone() {
    return name.isEmpty() || name.equals("no");
  }

  /** {@code HostConfig.RestartPolicy} on the wire. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("Name", name);
    json.put("MaximumRetryCount", maximumRetryCount);
    return json;
  }
}
