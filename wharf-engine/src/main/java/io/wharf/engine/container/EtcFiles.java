package io.wharf.engine.container;

import io.wharf.oci.runtime.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The /etc/hostname, /etc/hosts and /etc/resolv.conf a container gets, written into its
 * directory and bind-mounted over the image's, as Docker does. resolv.conf is the host's without
 * loopback name servers (they would be the container's own loopback), or Google's public
 * servers when none is left, as Docker falls back. Stateless.
 */
final class EtcFiles {
  private static final String HOSTS = """
      127.0.0.1\tlocalhost
      ::1\tlocalhost ip6-localhost ip6-loopback
      fe00::0\tip6-localnet
      ff00::0\tip6-mcastprefix
      ff02::1\tip6-allnodes
      ff02::2\tip6-allrouters
      """;

  private EtcFiles() {}

  /** Writes the three files under {@code dir}; returns their mounts. */
  static List<Mount> write(Path dir, String hostname, boolean readOnly) throws IOException {
    Files.writeString(dir.resolve("hostname"), hostname + "\n");
    Files.writeString(dir.resolve("hosts"), HOSTS);
    Files.writeString(dir.resolve("resolv.conf"), resolvConf(Path.of("/etc/resolv.conf")));
    List<String> options = List.of("rbind", readOnly ? "ro" : "rw", "rprivate");
    return List.of(new Mount("/etc/hostname", "bind", dir.resolve("hostname").toString(), options),
        new Mount("/etc/hosts", "bind", dir.resolve("hosts").toString(), options),
        new Mount("/etc/resolv.conf", "bind", dir.resolve("resolv.conf").toString(), options));
  }

  /** The host's resolv.conf as a container on a bridge sees it. */
  static String resolvConf(Path host) throws IOException {
    List<String> lines = Files.exists(host) ? Files.readAllLines(host) : List.of();
    List<String> kept = new ArrayList<>();
    boolean nameserver = false;
    for (String line : lines) {
      String[] words = line.strip().split("\\s+");
      if (words.length >= 2 && words[0].equals("nameserver")) {
        if (words[1].startsWith("127.") || words[1].equals("::1")) {
          continue;
        }
        nameserver = true;
      }
      kept.add(line);
    }
    if (!nameserver) {
      kept.add("nameserver 8.8.8.8");
      kept.add("nameserver 8.8.4.4");
    }
    return String.join("\n", kept) + "\n";
  }
}
