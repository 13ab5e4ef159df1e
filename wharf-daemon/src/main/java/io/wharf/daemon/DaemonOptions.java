package io.wharf.daemon;

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
 */
public record DaemonOptions(List<String> hosts, Path dataRoot, Path execRoot, Path pidfile, String logLevel, String group,
    java.util.Map<String, Path> runtimes, String defaultRuntime) {

  public DaemonOptions(List<String> hosts, Path dataRoot, Path execRoot, Path pidfile, String logLevel, String group) {
    this(hosts, dataRoot, execRoot, pidfile, logLevel, group, java.util.Map.of(), "runc");
  }
}
