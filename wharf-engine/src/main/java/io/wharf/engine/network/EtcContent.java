package io.wharf.engine.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a container's /etc/hosts and /etc/resolv.conf, as Docker writes them: localhost
 * lines, then the container's address and host name, then {@code --add-host} entries; the
 * embedded DNS server (127.0.0.11) on user-defined networks, else {@code --dns} or the host's
 * servers without loopback ones (Google's when none is left). Stateless.
 */
final class EtcContent {
  static final String LOCALHOST = """
      127.0.0.1\tlocalhost
      ::1\tlocalhost ip6-localhost ip6-loopback
      fe00::0\tip6-localnet
      ff00::0\tip6-mcastprefix
      ff02::1\tip6-allnodes
      ff02::2\tip6-allrouters
      """;

  private EtcContent() {}

  /** {@code extraHosts} as {@code host:ip} ({@code host-gateway} already replaced). */
  static String hosts(String ip, String hostname, List<String> extraHosts) {
    StringBuilder b = new StringBuilder(LOCALHOST);
    for (String extra : extraHosts) {
      int colon = extra.indexOf(':');
      b.append(extra.substring(colon + 1)).append('\t').append(extra, 0, colon).append('\n');
    }
    if (ip != null) {
      b.append(ip).append('\t').append(hostname).append('\n');
    }
    return b.toString();
  }

  static String resolvConf(boolean embeddedDns, NetworkSpec spec, Path hostFile) throws IOException {
    List<String> host = Files.exists(hostFile) ? Files.readAllLines(hostFile) : List.of();
    List<String> servers = new ArrayList<>();
    List<String> search = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (String line : host) {
      String[] words = line.strip().split("\\s+");
      if (words.length >= 2 && words[0].equals("nameserver")) {
        if (!words[1].startsWith("127.") && !words[1].equals("::1")) {
          servers.add(words[1]);
        }
      } else if (words.length >= 2 && (words[0].equals("search") || words[0].equals("domain"))) {
        search.addAll(List.of(words).subList(1, words.length));
      } else if (words.length >= 2 && words[0].equals("options")) {
        options.addAll(List.of(words).subList(1, words.length));
      }
    }
    if (!spec.dns().isEmpty()) {
      servers = new ArrayList<>(spec.dns());
    }
    if (servers.isEmpty()) {
      servers = new ArrayList<>(List.of("8.8.8.8", "8.8.4.4"));
    }
    if (!spec.dnsSearch().isEmpty()) {
      search = new ArrayList<>(spec.dnsSearch());
    }
    if (!spec.dnsOptions().isEmpty()) {
      options = new ArrayList<>(spec.dnsOptions());
    }
    StringBuilder b = new StringBuilder();
    if (embeddedDns) {
      b.append("nameserver 127.0.0.11\n");
      if (!search.isEmpty()) {
        b.append("search ").append(String.join(" ", search)).append('\n');
      }
      List<String> withNdots = new ArrayList<>(List.of("ndots:0"));
      withNdots.addAll(options.stream().filter(o -> !o.startsWith("ndots:")).toList());
      options.stream().filter(o -> o.startsWith("ndots:")).findFirst().ifPresent(o -> withNdots.set(0, o));
      b.append("options ").append(String.join(" ", withNdots)).append('\n');
    } else {
      servers.forEach(s -> b.append("nameserver ").append(s).append('\n'));
      if (!search.isEmpty()) {
        b.append("search ").append(String.join(" ", search)).append('\n');
      }
      if (!options.isEmpty()) {
        b.append("options ").append(String.join(" ", options)).append('\n');
      }
    }
    return b.toString();
  }

  /** The servers the embedded DNS forwards to: {@code --dns}, else the host's. */
  static List<String> upstreams(NetworkSpec spec, Path hostFile) throws IOException {
    if (!spec.dns().isEmpty()) {
      return spec.dns();
    }
    List<String> out = new ArrayList<>();
    for (String line : Files.exists(hostFile) ? Files.readAllLines(hostFile) : List.<String>of()) {
      String[] words = line.strip().split("\\s+");
      if (words.length >= 2 && words[0].equals("nameserver")) {
        out.add(words[1]);
      }
    }
    return out;
  }
}
