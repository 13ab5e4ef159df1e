package io.wharf.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs from Debian packages that some tests drive besides docker (the reference registry,
 * skopeo). Off CI a missing one skips the test class; on CI ({@code CI} set, where .ci/run
 * installs them) it fails it, so that a test cannot silently stop running.
 */
final class HostTools {
  private HostTools() {}

  /** Returns {@code path} if it is an executable; skips or fails the caller otherwise. */
  static Path require(String path, String debianPackage) {
    Path program = Path.of(path);
    if (!Files.isExecutable(program)) {
      String why = path + " is missing (Debian package " + debianPackage + ")";
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(why + "; .ci/run installs it");
      }
      Assumptions.abort(why);
    }
    return program;
  }

  /**
   * This machine's own (non-loopback) IPv4 address: that of the interface the default route
   * leaves by (/proc/net/route), not one of the bridges daemons on this machine come and go with.
   */
  static String hostAddress() throws java.io.IOException {
    String iface = Files.readAllLines(Path.of("/proc/net/route")).stream().skip(1).map(l -> l.trim().split("\\s+"))
        .filter(f -> f.length > 1 && f[1].equals("00000000")).map(f -> f[0]).findFirst()
        .orElseThrow(() -> new IllegalStateException("no default route on this machine"));
    java.net.NetworkInterface nic = java.net.NetworkInterface.getByName(iface);
    for (java.net.InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
      if (a instanceof java.net.Inet4Address) {
        return a.getHostAddress();
      }
    }
    throw new IllegalStateException("no IPv4 address on " + iface);
  }
}
