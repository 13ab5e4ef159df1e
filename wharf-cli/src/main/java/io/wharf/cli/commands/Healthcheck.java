package io.wharf.cli.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --health-*} flags of run and create, their durations already parsed, and the
 * {@code Config.Healthcheck} docker makes of them. Without any of them the image's
 * HEALTHCHECK stays; {@code --no-healthcheck} sends {@code ["NONE"]}. Immutable.
 *
 * @param command {@code --health-cmd}, run by the container's shell; empty when not given
 * @param interval {@code --health-interval} in nanoseconds, 0 for the default
 * @param timeout {@code --health-timeout} in nanoseconds
 * @param startPeriod {@code --health-start-period} in nanoseconds
 * @param startInterval {@code --health-start-interval} in nanoseconds
 * @param retries {@code --health-retries}
 */
record Healthcheck(String command, long interval, long timeout, long startPeriod, long startInterval, int retries) {
  /** Docker's {@code haveHealthSettings}: a flag set to other than its zero value. */
  boolean anySet() {
    return !command.isEmpty() || interval != 0 || timeout != 0 || startPeriod != 0 || retries != 0
        || startInterval != 0;
  }

  /**
   * {@code Config.Healthcheck}, or null to keep the image's; docker's checks in its order, an
   * IllegalArgumentException in its words. Like Go's {@code omitempty}, zero fields are left out,
   * and without {@code --health-cmd} so is {@code Test}, which keeps the image's command.
   */
  Map<String, Object> toConfig(boolean disabled) {
    if (disabled) {
      if (anySet()) {
        throw new IllegalArgumentException("--no-healthcheck conflicts with --health-* options");
      }
      return Map.of("Test", List.of("NONE"));
    }
    if (!anySet()) {
      return null;
    }
    notNegative(interval, "--health-interval");
    notNegative(timeout, "--health-timeout");
    notNegative(retries, "--health-retries");
    notNegative(startPeriod, "--health-start-period");
    notNegative(startInterval, "--health-start-interval");
    Map<String, Object> config = new LinkedHashMap<>();
    if (!command.isEmpty()) {
      config.put("Test", List.of("CMD-SHELL", command));
    }
    putNonZero(config, "Interval", interval);
    putNonZero(config, "Timeout", timeout);
    putNonZero(config, "StartPeriod", startPeriod);
    putNonZero(config, "StartInterval", startInterval);
    putNonZero(config, "Retries", retries);
    return config;
  }

  private static void notNegative(long value, String flag) {
    if (value < 0) {
      throw new IllegalArgumentException(flag + " cannot be negative");
    }
  }

  private static void putNonZero(Map<String, Object> config, String key, long value) {
    if (value != 0) {
      config.put(key, value);
    }
  }
}
