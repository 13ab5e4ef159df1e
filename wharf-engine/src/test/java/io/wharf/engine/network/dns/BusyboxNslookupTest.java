package io.wharf.engine.network.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real client, busybox's nslookup, against the server on 127.0.0.1 and an ephemeral port. */
class BusyboxNslookupTest {
  private static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final DnsResolver RESOLVER = new DnsResolver() {
    @Override
    public List<Inet4Address> lookup(String scope, String name) {
      return name.equals("web") ? List.of(ipv4("10.0.0.2"), ipv4("10.0.0.3")) : List.of();
    }

    @Override
    public String reverse(String scope, Inet4Address address) {
      return address.equals(ipv4("10.0.0.2")) ? "web.front" : null;
    }
  };

  @Test
  void nslookupResolvesAContainerNameAndItsAddress() throws Exception {
    assumeTrue(Files.isExecutable(BUSYBOX), "busybox is installed");
    try (DnsServer server = new DnsServer(RESOLVER, List.of())) {
      InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
      DatagramChannel udp = DatagramChannel.open().bind(loopback);
      server.serve("c1", udp, ServerSocketChannel.open().bind(loopback));
      String dns = "127.0.0.1:" + ((InetSocketAddress) udp.getLocalAddress()).getPort();

      String forward = nslookup("web", dns);
      // busybox 1.28+ takes a server's port after a colon; an older one ignores the port and fails.
      assumeTrue(forward.contains("Server:"), forward);
      assertThat(forward).contains("Name:\tweb", "Address: 10.0.0.2", "Address: 10.0.0.3");
      assertThat(nslookup("10.0.0.2", dns)).contains("2.0.0.10.in-addr.arpa\tname = web.front");
    }
  }

  private static String nslookup(String name, String server) throws Exception {
    Process process = new ProcessBuilder(BUSYBOX.toString(), "nslookup", name, server).redirectErrorStream(true)
        .start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static Inet4Address ipv4(String address) {
    return (Inet4Address) InetAddress.ofLiteral(address);
  }
}
