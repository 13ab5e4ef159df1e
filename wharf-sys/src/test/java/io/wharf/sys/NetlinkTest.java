package io.wharf.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything happens in two throwaway namespaces: "host" (a stand-in for the host) and "container". */
@Tag("root")
class NetlinkTest {
  @TempDir Path dir;
  Path hostNs;
  Path containerNs;
  Netlink host;
  Netlink container;

  @BeforeEach
  void createNamespaces() throws IOException {
    hostNs = dir.resolve("host");
    containerNs = dir.resolve("container");
    Namespaces.createNetns(hostNs);
    Namespaces.createNetns(containerNs);
    host = Namespaces.inNetns(hostNs, Netlink::open);
    container = Namespaces.inNetns(containerNs, Netlink::open);
  }

  @AfterEach
  void deleteNamespaces() throws IOException {
    if (host != null) {
      host.close();
    }
    if (container != null) {
      container.close();
    }
    Namespaces.deleteNetns(hostNs);
    Namespaces.deleteNetns(containerNs);
  }

  @Test
  void bridgeAndVethGiveAContainerItsNetwork() throws Exception {
    host.createBridge("wharf0");
    host.addAddress("wharf0", ipv4("10.88.0.1"), 16);
    host.setUp("wharf0");
    host.createVeth("veth1", "ctr1", containerNs);
    host.setMaster("veth1", "wharf0");
    host.setUp("veth1");
    container.rename("ctr1", "eth0");
    container.addAddress("eth0", ipv4("10.88.0.2"), 16);
    container.setUp("eth0");
    container.addDefaultRoute(ipv4("10.88.0.1"));

    assertThat(ip(containerNs, "-o", "addr", "show", "eth0")).contains("inet 10.88.0.2/16 brd 10.88.255.255");
    assertThat(ip(containerNs, "route")).contains("default via 10.88.0.1 dev eth0");
    assertThat(ip(hostNs, "-o", "link", "show", "veth1")).contains("master wharf0").contains("state UP");
    assertThat(ip(hostNs, "-o", "addr", "show", "wharf0")).contains("inet 10.88.0.1/16 brd 10.88.255.255");
    assertThat(container.linkNames()).containsExactly("lo", "eth0");
    assertThat(host.linkNames()).containsExactlyInAnyOrder("lo", "wharf0", "veth1");
    assertThat(container.addresses("eth0")).containsExactly("10.88.0.2/16");
    assertThat(container.routes()).containsExactlyInAnyOrder("0.0.0.0/0", "10.88.0.0/16");
    assertThat(host.routes()).containsExactly("10.88.0.0/16");
    assertThat(container.addresses("lo")).containsExactly("127.0.0.1/8");

    try (ServerSocketChannel server = Namespaces.inNetns(hostNs,
            () -> ServerSocketChannel.open().bind(new InetSocketAddress("10.88.0.1", 0)));
        SocketChannel client = Namespaces.inNetns(containerNs, SocketChannel::open)) {
      client.connect(server.getLocalAddress());
      try (SocketChannel accepted = server.accept()) {
        assertThat(((InetSocketAddress) accepted.getRemoteAddress()).getHostString()).isEqualTo("10.88.0.2");
      }
    }
  }

  @Test
  void vethPeerMovesToAnotherNamespace() throws IOException {
    host.createVeth("veth2", "ctr2");
    assertThat(host.linkNames()).contains("veth2", "ctr2");

    host.moveToNetns("ctr2", containerNs);

    assertThat(host.linkIndex("ctr2")).isEqualTo(-1);
    assertThat(host.linkNames()).contains("veth2").doesNotContain("ctr2");
    assertThat(container.linkIndex("ctr2")).isPositive();
    assertThat(ip(containerNs, "-o", "link")).contains("ctr2@");
  }

  @Test
  void macDownAndRenameChangeTheLink() throws IOException {
    host.createBridge("br1");
    host.setMac("br1", new byte[] {0x02, 0x42, (byte) 0xac, 0x11, 0x00, 0x02});
    host.setUp("br1");
    assertThat(ip(hostNs, "-o", "link", "show", "br1"))
        .contains("link/ether 02:42:ac:11:00:02").contains("MULTICAST,UP");

    host.setDown("br1");
    host.rename("br1", "br2");

    assertThat(host.linkNames()).contains("br2").doesNotContain("br1");
    assertThat(ip(hostNs, "-o", "link", "show", "br2")).doesNotContain(",UP");
  }

  @Test
  void kernelRefusalsNameTheOperationAndTheError() throws IOException {
    host.createBridge("wharf0");
    assertThatThrownBy(() -> host.createBridge("wharf0"))
        .isInstanceOf(IOException.class).hasMessageStartingWith("create bridge wharf0: File exists");
    assertThatThrownBy(() -> host.setUp("nothing0"))
        .isInstanceOf(IOException.class).hasMessageStartingWith("set nothing0 up: No such device");
    assertThatThrownBy(() -> host.addresses("nothing0"))
        .isInstanceOf(IOException.class).hasMessageContaining("No such device");
    assertThatThrownBy(() -> host.addDefaultRoute(ipv4("10.99.0.1")))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("add default route via 10.99.0.1: Network is unreachable");
    assertThat(host.linkNames()).containsExactlyInAnyOrder("lo", "wharf0");
  }

  @Test
  void deleteLinkRemovesBothEndsOfAVethAndIgnoresMissingLinks() throws IOException {
    host.createVeth("veth3", "ctr3");

    host.deleteLink("veth3");
    host.deleteLink("veth3");

    assertThat(host.linkNames()).containsExactly("lo");
  }

  @Test
  void interfaceNamesLongerThan15BytesAreRefused() {
    assertThatThrownBy(() -> host.createBridge("a-bridge-name-16"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a-bridge-name-16");
    assertThatThrownBy(() -> host.createVeth("veth4", "peer/0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> host.linkIndex("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void loopbackIsLinkOneAndUp() throws IOException {
    assertThat(container.linkIndex("lo")).isEqualTo(1);
    assertThat(ip(containerNs, "-o", "link", "show", "lo")).contains("LOOPBACK,UP");
  }

  private static Inet4Address ipv4(String address) throws IOException {
    return (Inet4Address) InetAddress.getByName(address);
  }

  private static String ip(Path netns, String... args) throws IOException {
    String[] command = new String[args.length + 3];
    command[0] = "nsenter";
    command[1] = "--net=" + netns;
    command[2] = "ip";
    System.arraycopy(args, 0, command, 3, args.length);
    return run(command);
  }

  /** Runs {@code command}, failing unless it exits 0; returns its output. */
  static String run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return output;
  }
}
