package io.wharf.engine.container.stats;

import io.wharf.engine.container.stats.StatsSnapshot.NetworkStats;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /proc/<pid>/net/dev}: the counters of every interface of the process's network
 * namespace. Stateless.
 */
final class NetDev {
  private NetDev() {}

  /**
   * The interfaces and their counters, loopback left out as Docker lists only the container's
   * endpoints. A line is {@code name: rx-bytes rx-packets rx-errs rx-drop fifo frame compressed
   * multicast tx-bytes tx-packets tx-errs tx-drop …}; the two header lines have no colon before
   * their first bar.
   */
  static Map<String, NetworkStats> parse(String netDev) {
    Map<String, NetworkStats> interfaces = new TreeMap<>();
    for (String line : netDev.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0 || line.indexOf('|') >= 0) {
        continue;
      }
      String name = line.substring(0, colon).strip();
      String[] v = line.substring(colon + 1).strip().split("\\s+");
      if (name.equals("lo") || v.length < 12) {
        continue;
      }
      interfaces.put(name, new NetworkStats(n(v[0]), n(v[1]), n(v[2]), n(v[3]), n(v[8]), n(v[9]), n(v[10]), n(v[11])));
    }
    return interfaces;
  }

  private static long n(String word) {
    return CgroupFiles.number(word);
  }
}
