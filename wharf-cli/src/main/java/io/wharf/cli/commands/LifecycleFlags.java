package io.wharf.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flags of {@code run} and {@code create} that govern a container's life once created:
 * resource limits and ulimits, the restart policy, the health check and the logging driver;
 * and the parts of the create body they make.
 */
abstract class LifecycleFlags extends ResourceFlags {
  @Flag(names = "--memory-swap", label = "bytes",
      description = "Swap limit equal to memory plus swap: '-1' to enable unlimited swap")
  String memorySwap;

  @Flag(names = "--oom-kill-disable", description = "Disable OOM Killer")
  boolean oomKillDisable;

  @Flag(names = "--ulimit", label = "ulimit", description = "Ulimit options (default [])")
  List<String> ulimits = new ArrayList<>();

  @Flag(names = "--restart", label = "string", description = "Restart policy to apply when a container exits (default \"no\")")
  String restart = "no";

  @Flag(names = "--health-cmd", label = "string", description = "Command to run to check health")
  String healthCmd = "";

  @Flag(names = "--health-interval", label = "duration",
      description = "Time between running the check (ms|s|m|h) (default 0s)")
  String healthInterval;

  @Flag(names = "--health-retries", label = "int", description = "Consecutive failures needed to report unhealthy")
  int healthRetries;

  @Flag(names = "--health-timeout", label = "duration",
      description = "Maximum time to allow one check to run (ms|s|m|h) (default 0s)")
  String healthTimeout;

  @Flag(names = "--health-start-period", label = "duration", description = "Start period for the container to "
      + "initialize before starting health-retries countdown (ms|s|m|h) (default 0s)")
  String healthStartPeriod;

  @Flag(names = "--health-start-interval", label = "duration",
      description = "Time between running the check during the start period (ms|s|m|h) (default 0s)")
  String healthStartInterval;

  @Flag(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK")
  boolean noHealthcheck;

  @Flag(names = "--log-driver", label = "string", description = "Logging driver for the container")
  String logDriver = "";

  @Flag(names = "--log-opt", label = "list", description = "Log driver options")
  List<String> logOpts = new ArrayList<>();

  @Override
  String memorySwap() {
    return memorySwap;
  }

  /**
   * The resource fields of {@code HostConfig}: the limits, {@code OomKillDisable} and
   * {@code Ulimits}, checked as docker's flag parser checks them (a flag error, exit 125).
   */
  Map<String, Object> limits() {
    Map<String, Object> limits = resources();
    if (oomKillDisable) {
      limits.put("OomKillDisable", true);
    }
    List<Ulimit> parsed = Ulimit.all(ulimits);
    if (!parsed.isEmpty()) {
      limits.put("Ulimits", parsed.stream().map(Ulimit::toJson).toList());
    }
    return limits;
  }

  /** The {@code --health-*} flags, their durations checked as the flag parser checks them. */
  Healthcheck healthcheck() {
    return new Healthcheck(healthCmd, FlagValues.duration(healthInterval, "--health-interval"),
        FlagValues.duration(healthTimeout, "--health-timeout"),
        FlagValues.duration(healthStartPeriod, "--health-start-period"),
        FlagValues.duration(healthStartInterval, "--health-start-interval"), healthRetries);
  }

  /**
   * Puts {@code Healthcheck} into {@code config} and {@code RestartPolicy} and {@code LogConfig}
   * into {@code hostConfig}, checked in the order docker checks them once the flags are parsed:
   * the restart policy's format, the log options, the health flags, then {@code --rm} with a
   * restart policy. An IllegalArgumentException in docker's words when one is refused.
   */
  void addLifecycle(Map<String, Object> config, Map<String, Object> hostConfig, Healthcheck health,
      boolean autoRemove) {
    RestartPolicy policy = RestartPolicy.parse(restart);
    if (logDriver.equals("none") && !logOpts.isEmpty()) {
      throw new IllegalArgumentException("invalid logging opts for driver none");
    }
    Map<String, String> logConfig = new TreeMap<>(); // a Go map: keys sorted, the last value wins
    for (String option : logOpts) {
      int eq = option.indexOf('=');
      logConfig.put(eq < 0 ? option : option.substring(0, eq), eq < 0 ? "" : option.substring(eq + 1));
    }
    Map<String, Object> healthConfig = health.toConfig(noHealthcheck);
    if (autoRemove && !policy.isNone()) {
      throw new IllegalArgumentException("conflicting options: cannot specify both --restart and --rm");
    }
    if (healthConfig != null) {
      config.put("Healthcheck", healthConfig);
    }
    // docker always sends both, "no" and "" (the daemon's default driver) when not given
    hostConfig.put("RestartPolicy", policy.toJson());
    Map<String, Object> log = new LinkedHashMap<>();
    log.put("Type", logDriver);
    log.put("Config", logConfig);
    hostConfig.put("LogConfig", log);
  }
}
