package io.wharf.daemon;

import io.wharf.engine.image.DistributionSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * The daemon's settings once flags and the configuration file are merged.
 *
 * @param hosts the API listeners ({@code unix:///path}, {@code tcp://127.0.0.1:PORT})
 * @param dataRoot persistent state
 * @param execRoot sockets and pid files
 * @param pidfile where wharfd writes its pid
 * @param logLevel debug, info, warn, error or fatal
 * @param group the group that may use the Unix sockets, or null for root only
 * @param runtimes OCI runtimes besides runc by name
 * @param defaultRuntime the runtime of containers that name none
 * @param distribution insecure registries, mirrors and transfer concurrency
 */
public record DaemonOptions(List<String> hosts, Path dataRoot, Path execRoot, Path pidfile, String logLevel, String group,
    java.util.Map<String, Path> runtimes, String defaultRuntime, DistributionSettings distribution) {

  public DaemonOptions(List<String> hosts, Path dataRoot, Path execRoot, Path pidfile, String logLevel, String group) {
    this(hosts, dataRoot, execRoot, pidfile, logLevel, group, java.util.Map.of(), "runc",
        DistributionSettings.defaults());
  }
}
