package io.wharf.engine.container;

import io.wharf.oci.errors.InvalidArgument;
import java.util.List;
import java.util.Map;

/**
 * What keeps a container alive and bounded: its resource limits, restart policy, healthcheck
 * and log settings, as {@code docker run} takes them. Immutable; nulls read as Docker's defaults.
 *
 * @param restartPolicy {@code no}, {@code always}, {@code unless-stopped} or {@code on-failure}
 * @param maxRetries for {@code on-failure}: 0 for no bound
 * @param healthcheck {@code Config.Healthcheck} of the request ({@code Test}, durations in ns),
 *     overriding the image's; null to keep the image's
 * @param logOptions {@code --log-opt}: {@code max-size}, {@code max-file}
 */
public record Lifecycle(Limits limits, String restartPolicy, int maxRetries, Map<String, Object> healthcheck,
    String logDriver, Map<String, String> logOptions) {

  public static final Lifecycle DEFAULT = new Lifecycle(Limits.NONE, "no", 0, null, "json-file", Map.of());

  public Lifecycle {
    limits = limits == null ? Limits.NONE : limits;
    restartPolicy = restartPolicy == null || restartPolicy.isEmpty() ? "no" : restartPolicy;
    logDriver = logDriver == null || logDriver.isEmpty() ? "json-file" : logDriver;
    logOptions = logOptions == null ? Map.of() : Map.copyOf(logOptions);
    if (!List.of("no", "always", "unless-stopped", "on-failure").contains(restartPolicy)) {
      throw new InvalidArgument("invalid restart policy '" + restartPolicy + "'");
    }
    if (maxRetries < 0) {
      throw new InvalidArgument("invalid restart policy: maximum retry count cannot be negative");
    }
    if (maxRetries > 0 && !restartPolicy.equals("on-failure")) {
      throw new InvalidArgument("invalid restart policy: maximum retry count can only be used with 'on-failure'");
    }
    if (logOptions.containsKey("max-file") && !logOptions.containsKey("max-size")) {
      throw new InvalidArgument("max-file cannot be set when max-size is not set");
    }
    if (!List.of("json-file", "local", "none", "k8s-file").contains(logDriver)) {
      throw new InvalidArgument("failed to create task for container: logging driver " + logDriver
          + " not supported: Wharf has json-file, local and none");
    }
  }

  /** {@code max-size} in bytes ({@code 10k}, {@code 5m}), or 0 for none. */
  public long maxLogSize() {
    String value = logOptions.get("max-size");
    if (value == null || value.isEmpty() || value.equals("-1")) {
      return 0;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*([kmg]?)b?").matcher(value);
    if (!m.matches()) {
      throw new InvalidArgument("invalid max-size: " + value);
    }
    double n = Double.parseDouble(m.group(1));
    long unit = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
      case "k" -> 1000L;
      case "m" -> 1000L * 1000;
      case "g" -> 1000L * 1000 * 1000;
      default -> 1L;
    };
    return (long) (n * unit);
  }

  /** {@code max-file}: how many log files to keep in all (1 without rotation). */
  public int maxLogFiles() {
    String value = logOptions.get("max-file");
    if (value == null || value.isEmpty()) {
      return 1;
    }
    try {
      int n = Integer.parseInt(value);
      if (n < 1) {
        throw new InvalidArgument("max-file cannot be less than 1");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidArgument("invalid max-file: " + value);
    }
  }

  public Lifecycle withLimits(Limits newLimits) {
    return new Lifecycle(newLimits, restartPolicy, maxRetries, healthcheck, logDriver, logOptions);
  }

  public Lifecycle withRestart(String policy, int retries) {
    return new Lifecycle(limits, policy, retries, healthcheck, logDriver, logOptions);
  }
}
