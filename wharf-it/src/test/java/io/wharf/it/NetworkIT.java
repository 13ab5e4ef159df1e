package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.engine.wiring.Engine;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Networking through the real docker CLI: user networks that resolve names and aliases, the
 * default bridge that does not, published ports reached from the host, none, host and
 * container modes, connect and disconnect, and nothing left behind (veths, namespaces, bridges,
 * iptables chains). Traffic stays on this machine: loopback, its own address, Wharf's bridges.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkIT {
  /** A busybox web server answering "hello from NAME" on port 80. */
  private static final String HTTPD = "mkdir -p /www && echo hello from $(hostname) > /www/index.html "
      + "&& exec httpd -f -p 80 -h /www";

  private static WharfDaemonProcess daemon;
  private static DockerCli docker;
  private static String tag;
  @TempDir static Path work;

  @BeforeAll
  static void start() throws Exception {
    daemon = WharfDaemonProcess.start();
    tag = Engine.daemonTag(daemon.dataRoot());
    docker = new DockerCli(daemon.host(), Files.createDirectories(work.resolve("docker-config")));
    docker.importBusybox(work, "busybox:latest");
  }

  @AfterEach
  void removeContainers() throws Exception {
    docker.removeAllContainers();
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
      // the daemon's bridges, veths and chains went with it
      assertThat(links()).noneMatch(l -> l.startsWith("w" + tag.substring(0, 5)) || l.startsWith("v" + tag.substring(0, 5)));
      assertThat(run("iptables-save")).doesNotContain("WHARF-" + tag);
    }
  }

  private static CommandResult ok(String... args) throws Exception {
    CommandResult result = docker.run(args);
    assertThat(result.exitCode()).as("docker %s\n%s\nwharfd log:\n%s", String.join(" ", args), result, daemon.log())
        .isZero();
    return result;
  }

  /** A shell line that fetches {@code url} from inside a container, retrying while the server starts. */
  private static String fetch(String url) {
    return "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- " + url + " && exit 0; sleep 0.3; done; exit 1";
  }

  @Test
  @Order(1)
  void namesAndAliasesResolveOnAUserNetwork() throws Exception {
    ok("network", "create", "appnet");
    ok("run", "-d", "--name", "web", "--hostname", "web", "--network", "appnet", "--network-alias", "www", "busybox",
        "sh", "-c", HTTPD);
    assertThat(ok("run", "--rm", "--network", "appnet", "busybox", "sh", "-c", fetch("http://web/")).stdout())
        .isEqualTo("hello from web\n");
    assertThat(ok("run", "--rm", "--network", "appnet", "busybox", "sh", "-c", fetch("http://www/")).stdout())
        .isEqualTo("hello from web\n");
    assertThat(ok("run", "--rm", "--network", "appnet", "busybox", "cat", "/etc/resolv.conf").stdout())
        .contains("nameserver 127.0.0.11");
    String inspect = ok("network", "inspect", "appnet", "--format",
        "{{range .Containers}}{{.Name}}={{.IPv4Address}}{{end}}").stdout();
    assertThat(inspect.strip()).matches("web=\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+");
    CommandResult inUse = docker.run("network", "rm", "appnet");
    assertThat(inUse.exitCode()).isNotZero();
    assertThat(inUse.stderr()).contains("has active endpoints");
  }

  @Test
  @Order(2)
  void theDefaultBridgeDoesNotResolveNames() throws Exception {
    ok("run", "-d", "--name", "plain", "busybox", "sh", "-c", HTTPD);
    CommandResult lookup = docker.run("run", "--rm", "busybox", "nslookup", "plain");
    assertThat(lookup.exitCode()).isNotZero();
    String ip = ok("inspect", "--format", "{{.NetworkSettings.IPAddress}}", "plain").stdout().strip();
    assertThat(ip).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
    assertThat(ok("run", "--rm", "busybox", "sh", "-c", fetch("http://" + ip + "/")).stdout()).startsWith("hello from");
  }

  @Test
  @Order(3)
  void publishedPortsAreReachedFromTheHost() throws Exception {
    int fixed = freePort();
    ok("run", "-d", "--name", "pub", "--hostname", "pub", "-p", fixed + ":80", "-p", "80", "-p", "127.0.0.1::80",
        "busybox", "sh", "-c", HTTPD);
    List<String> mappings = ok("port", "pub", "80").stdout().lines().toList();
    assertThat(mappings).hasSize(3).contains("0.0.0.0:" + fixed);
    int random = mappings.stream().filter(m -> m.startsWith("0.0.0.0:") && !m.equals("0.0.0.0:" + fixed))
        .mapToInt(m -> Integer.parseInt(m.substring(m.lastIndexOf(':') + 1))).findFirst().orElseThrow();
    int local = mappings.stream().filter(m -> m.startsWith("127.0.0.1:"))
        .mapToInt(m -> Integer.parseInt(m.substring(m.lastIndexOf(':') + 1))).findFirst().orElseThrow();
    assertThat(get("127.0.0.1", fixed)).isEqualTo("hello from pub\n");
    assertThat(get(hostAddress(), fixed)).isEqualTo("hello from pub\n");
    assertThat(get("127.0.0.1", random)).isEqualTo("hello from pub\n");
    assertThat(get("127.0.0.1", local)).isEqualTo("hello from pub\n");
    assertThat(ok("ps", "--format", "{{.Ports}}", "--filter", "name=pub").stdout()).contains("0.0.0.0:" + fixed + "->80/tcp");
    // from another container, through the host's address
    assertThat(ok("run", "--rm", "busybox", "sh", "-c", fetch("http://" + hostAddress() + ":" + fixed + "/")).stdout())
        .isEqualTo("hello from pub\n");

    CommandResult taken = docker.run("run", "-d", "--name", "second", "-p", fixed + ":80", "busybox", "sleep", "30");
    assertThat(taken.exitCode()).isEqualTo(125);
    assertThat(taken.stderr()).contains("Bind for 0.0.0.0:" + fixed + " failed: port is already allocated");
    assertThat(ok("inspect", "--format", "{{.State.Status}}", "second").stdout().strip()).isEqualTo("created");
  }

  @Test
  @Order(3)
  void publishAllMapsEveryExposedPortAndUdpIsItsOwn() throws Exception {
    ok("run", "-d", "--name", "all", "--hostname", "all", "-P", "--expose", "80", "-p", "5353:53/udp", "busybox", "sh",
        "-c", HTTPD);
    String ports = ok("port", "all").stdout();
    assertThat(ports).containsPattern("80/tcp -> 0\\.0\\.0\\.0:\\d+").contains("53/udp -> 0.0.0.0:5353");
    int random = Integer.parseInt(ok("port", "all", "80/tcp").stdout().strip().split(":")[1]);
    assertThat(get("127.0.0.1", random)).isEqualTo("hello from all\n");
    assertThat(run("iptables-save", "-t", "nat")).contains("-p udp -m udp --dport 5353 -j DNAT");
  }

  @Test
  @Order(4)
  void publishedPortsSurviveARestartAndGoWithTheContainer() throws Exception {
    int fixed = freePort();
    ok("run", "-d", "--name", "lasting", "--hostname", "lasting", "-p", fixed + ":80", "busybox", "sh", "-c", HTTPD);
    assertThat(get("127.0.0.1", fixed)).isEqualTo("hello from lasting\n");
    daemon.stop();
    daemon = WharfDaemonProcess.startIn(daemon.base());
    assertThat(get("127.0.0.1", fixed)).isEqualTo("hello from lasting\n");
    ok("rm", "-f", "lasting");
    assertThat(run("iptables-save", "-t", "nat")).doesNotContain("--dport " + fixed + " ");
  }

  @Test
  @Order(5)
  void noneHostAndContainerModes() throws Exception {
    assertThat(ok("run", "--rm", "--network", "none", "busybox", "sh", "-c", "ls /sys/class/net").stdout().strip())
        .isEqualTo("lo");
    String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    assertThat(ok("run", "--rm", "--network", "host", "busybox", "hostname").stdout().strip()).isEqualTo(hostname);
    ok("run", "-d", "--name", "owner", "--hostname", "owner", "busybox", "sh", "-c", HTTPD);
    assertThat(ok("run", "--rm", "--network", "container:owner", "busybox", "sh", "-c",
        fetch("http://127.0.0.1/")).stdout()).isEqualTo("hello from owner\n");
  }

  @Test
  @Order(6)
  void connectAndDisconnectARunningContainer() throws Exception {
    ok("network", "create", "--subnet", "10.213.7.0/24", "--gateway", "10.213.7.1", "side");
    ok("run", "-d", "--name", "mover", "busybox", "sleep", "300");
    ok("network", "connect", "--alias", "moved", "--ip", "10.213.7.50", "side", "mover");
    assertThat(ok("exec", "mover", "ip", "-o", "-4", "addr").stdout()).contains("10.213.7.50/24");
    assertThat(ok("run", "--rm", "--network", "side", "busybox", "nslookup", "moved").stdout())
        .contains("10.213.7.50");
    ok("network", "disconnect", "side", "mover");
    assertThat(ok("exec", "mover", "ip", "-o", "-4", "addr").stdout()).doesNotContain("10.213.7.50");
    CommandResult overlap = docker.run("network", "create", "--subnet", "10.213.7.128/25", "overlapping");
    assertThat(overlap.exitCode()).isNotZero();
    assertThat(overlap.stderr()).contains("Pool overlaps with other one on this address space");
  }

  @Test
  @Order(7)
  void dnsSettingsAndExtraHostsAreWritten() throws Exception {
    String out = ok("run", "--rm", "--dns", "192.0.2.53", "--dns-search", "example.test", "--add-host",
        "db:10.1.2.3", "--add-host", "gw:host-gateway", "busybox", "cat", "/etc/resolv.conf", "/etc/hosts").stdout();
    assertThat(out).contains("nameserver 192.0.2.53").contains("search example.test").contains("10.1.2.3\tdb")
        .containsPattern("\\d+\\.\\d+\\.\\d+\\.1\tgw");
  }

  @Test
  @Order(8)
  void nothingIsLeftAfterContainersAndNetworksGo() throws Exception {
    docker.removeAllContainers();
    assertThat(ok("network", "prune", "-f").stdout()).contains("appnet").contains("side");
    assertThat(links()).noneMatch(l -> l.startsWith("v" + tag.substring(0, 5)));
    try (var netns = Files.list(daemon.base().resolve("exec/netns"))) {
      assertThat(netns.toList()).isEmpty();
    }
    assertThat(ok("network", "ls", "--format", "{{.Name}}").stdout().lines().sorted().toList())
        .containsExactly("bridge", "host", "none");
  }

  @Test
  @Order(9)
  void aCrashedDaemonRestartsWithoutWhatItLeftAndWithWhatItKept() throws Exception {
    int fixed = freePort();
    ok("run", "-d", "--name", "survivor", "--hostname", "survivor", "-p", fixed + ":80", "busybox", "sh", "-c", HTTPD);
    daemon.kill();
    // something of this daemon's that its store does not know: a veth a crash could have left
    String stray = "v" + tag.substring(0, 5) + "deadbeef0";
    run("ip", "link", "add", stray, "type", "veth", "peer", "name", "wharf-it-peer");
    daemon = WharfDaemonProcess.startIn(daemon.base());
    assertThat(links()).doesNotContain(stray, "wharf-it-peer");
    assertThat(get("127.0.0.1", fixed)).isEqualTo("hello from survivor\n");
    ok("rm", "-f", "survivor");
  }

  private static String get(String host, int port) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        return client.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/"))
            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body();
      } catch (IOException e) {
        last = e; // the server in the container may still be starting
        Thread.sleep(200);
      }
    }
    throw last;
  }

  private static String hostAddress() throws Exception {
    return HostTools.hostAddress();
  }

  private static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<String> links() throws Exception {
    return run("ip", "-o", "link").lines().map(l -> l.split(": ")[1].split("@")[0]).toList();
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }
}
