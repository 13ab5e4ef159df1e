package io.wharf.daemon.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code /version} and {@code /info} report about the host, read from /proc and /etc. */
final class HostFacts {
  private HostFacts() {}

  static String kernelVersion() {
    return read("/proc/sys/kernel/osrelease", "unknown");
  }

  static String hostname() {
    return read("/proc/sys/kernel/hostname", "localhost");
  }

  static String operatingSystem() {
    return osRelease("PRETTY_NAME", "Linux");
  }

  static String osVersion() {
    return osRelease("VERSION_ID", "");
  }

  static long memTotal() {
    for (String line : lines("/proc/meminfo")) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
      }
    }
    return 0;
  }

  static String cgroupVersion() {
    return Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1";
  }

  private static String osRelease(String key, String fallback) {
    for (String line : lines("/etc/os-release")) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1).replace("\"", "");
      }
    }
    return fallback;
  }

  private static String read(String file, String fallback) {
    try {
      return Files.readString(Path.of(file)).strip();
    } catch (IOException e) {
      return fallback;
    }
  }

  private static java.util.List<String> lines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      return java.util.List.of();
    }
  }
}
