package io.wharf.engine.network.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.engine.network.dns.DnsClient.Reply;
import io.wharf.oci.errors.Conflict;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded DNS server over 127.0.0.1, with a fake resolver and fake upstream servers. */
class DnsServerTest {
  private static final Map<String, List<String>> NAMES = Map.of(
      "web", List.of("10.0.0.2", "10.0.0.3", "10.0.0.4"),
      "db", List.of("10.0.0.5"),
      "crowd", IntStream.range(1, 41).mapToObj(i -> "10.0.1." + i).toList());
  private static final DnsResolver RESOLVER = new DnsResolver() {
    @Override
    public List<Inet4Address> lookup(String scope, String name) {
      return scope.equals("c1") ? NAMES.getOrDefault(name, List.of()).stream().map(DnsServerTest::ipv4).toList()
          : List.of();
    }

    @Override
    public String reverse(String scope, Inet4Address address) {
      return scope.equals("c1") && address.getHostAddress().equals("10.0.0.5") ? "db.front" : null;
    }
  };
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : cleanup.reversed()) {
      closeable.close();
    }
  }

  @Test
  void aQueryOfAKnownNameAnswersEveryAddressRotatingTheirOrder() throws Exception {
    InetSocketAddress dns = serve(server(List.of()), "c1").udp();
    Reply first = DnsClient.udp(dns, DnsClient.query(7, "web", DnsMessage.TYPE_A));
    Reply second = DnsClient.udp(dns, DnsClient.query(8, "web", DnsMessage.TYPE_A));
    Reply third = DnsClient.udp(dns, DnsClient.query(9, "web", DnsMessage.TYPE_A));

    assertThat(first.id()).isEqualTo(7);
    assertThat(first.rcode()).isEqualTo(DnsMessage.NOERROR);
    assertThat(first.flags() & 0x8180).as("QR, RD, RA").isEqualTo(0x8180);
    assertThat(first.answers()).allSatisfy(a -> {
      assertThat(a.name()).isEqualTo("web");
      assertThat(a.ttl()).isEqualTo(600);
    });
    assertThat(first.addresses()).containsExactly("10.0.0.2", "10.0.0.3", "10.0.0.4");
    assertThat(second.addresses()).containsExactly("10.0.0.3", "10.0.0.4", "10.0.0.2");
    assertThat(third.addresses()).containsExactly("10.0.0.4", "10.0.0.2", "10.0.0.3");
  }

  @Test
  void namesAreCaseInsensitiveAndTheReplyKeepsTheQuestionAsAsked() throws Exception {
    Reply reply = DnsClient.udp(serve(server(List.of()), "c1").udp(), DnsClient.query(1, "DB.", DnsMessage.TYPE_A));
    assertThat(reply.questionNames()).containsExactly("DB");
    assertThat(reply.answers()).singleElement().satisfies(a -> assertThat(a.name()).isEqualTo("DB"));
    assertThat(reply.addresses()).containsExactly("10.0.0.5");
  }

  @Test
  void otherTypesOfAKnownNameAreEmptyNoErrorAndNotForwarded() throws Exception {
    FakeUpstream upstream = upstream(FakeUpstream.udp(q -> DnsClient.reply(q, 0, List.of("192.0.2.1"))));
    InetSocketAddress dns = serve(server(List.of(upstream.address())), "c1").udp();
    for (int type : new int[] {DnsMessage.TYPE_AAAA, 15, 16}) {
      Reply reply = DnsClient.udp(dns, DnsClient.query(2, "web", type));
      assertThat(reply.rcode()).isEqualTo(DnsMessage.NOERROR);
      assertThat(reply.answers()).isEmpty();
    }
    assertThat(upstream.udpQueries).isEmpty();
  }

  @Test
  void aReverseLookupOfAKnownAddressGivesItsName() throws Exception {
    Reply reply = DnsClient.udp(serve(server(List.of()), "c1").udp(),
        DnsClient.query(3, "5.0.0.10.in-addr.arpa", DnsMessage.TYPE_PTR));
    assertThat(reply.rcode()).isEqualTo(DnsMessage.NOERROR);
    assertThat(reply.answers()).singleElement().satisfies(a -> {
      assertThat(a.name()).isEqualTo("5.0.0.10.in-addr.arpa");
      assertThat(a.type()).isEqualTo(DnsMessage.TYPE_PTR);
      assertThat(a.data()).isEqualTo("db.front");
    });
  }

  @Test
  void unknownNamesAreForwardedUnchangedAndTheAnswerRelayedWithTheClientsId() throws Exception {
    FakeUpstream upstream = upstream(FakeUpstream.udp(q -> DnsClient.reply(q, 0, List.of("192.0.2.1"))));
    InetSocketAddress dns = serve(server(List.of(upstream.address())), "c1").udp();
    byte[] query = DnsClient.query(4242, "example.com", DnsMessage.TYPE_A);
    byte[] reverse = DnsClient.query(4243, "9.0.0.10.in-addr.arpa", DnsMessage.TYPE_PTR);

    Reply reply = DnsClient.udp(dns, query);
    DnsClient.udp(dns, reverse);

    assertThat(reply.id()).isEqualTo(4242);
    assertThat(reply.addresses()).containsExactly("192.0.2.1");
    assertThat(upstream.udpQueries).containsExactly(query, reverse);
  }

  @Test
  void aNameKnownInAnotherScopeOnlyIsForwarded() throws Exception {
    FakeUpstream upstream = upstream(FakeUpstream.udp(q -> DnsClient.reply(q, 0, List.of("192.0.2.7"))));
    DnsServer server = server(List.of(upstream.address()));
    serve(server, "c1");
    Reply reply = DnsClient.udp(serve(server, "c2").udp(), DnsClient.query(5, "web", DnsMessage.TYPE_A));
    assertThat(reply.addresses()).containsExactly("192.0.2.7");
  }

  @Test
  void anUnreachableUpstreamGivesServfailWithinSeconds() throws Exception {
    InetSocketAddress dns = serve(server(List.of(closedPort())), "c1").udp();
    long start = System.nanoTime();
    Reply reply = DnsClient.udp(dns, DnsClient.query(6, "example.com", DnsMessage.TYPE_A));
    assertThat(reply.id()).isEqualTo(6);
    assertThat(reply.rcode()).isEqualTo(DnsMessage.SERVFAIL);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void withoutUpstreamsUnknownNamesGiveServfail() throws Exception {
    Reply reply = DnsClient.udp(serve(server(List.of()), "c1").udp(), DnsClient.query(6, "nope", DnsMessage.TYPE_A));
    assertThat(reply.rcode()).isEqualTo(DnsMessage.SERVFAIL);
    assertThat(reply.answers()).isEmpty();
  }

  @Test
  void aSilentOrFailingUpstreamIsPassedOverForTheNext() throws Exception {
    FakeUpstream silent = upstream(FakeUpstream.udp(q -> null));
    FakeUpstream failing = upstream(FakeUpstream.udp(q -> DnsClient.reply(q, DnsMessage.SERVFAIL, List.of())));
    FakeUpstream good = upstream(FakeUpstream.udp(q -> DnsClient.reply(q, 0, List.of("192.0.2.2"))));
    DnsServer server = new DnsServer(RESOLVER, List.of(silent.address(), failing.address(), good.address()),
        Duration.ofMillis(300));
    cleanup.add(server);
    Reply reply = DnsClient.udp(serve(server, "c1").udp(), DnsClient.query(8, "example.com", DnsMessage.TYPE_A));
    assertThat(reply.addresses()).containsExactly("192.0.2.2");
    assertThat(silent.udpQueries).hasSize(1);
    assertThat(failing.udpQueries).hasSize(1);
  }

  @Test
  void queriesOverTcpAreAnsweredAndForwarded() throws Exception {
    FakeUpstream upstream = upstream(FakeUpstream.udp(q -> DnsClient.reply(q, 0, List.of("192.0.2.3"))));
    InetSocketAddress dns = serve(server(List.of(upstream.address())), "c1").tcp();
    assertThat(DnsClient.tcp(dns, DnsClient.query(10, "db", DnsMessage.TYPE_A)).addresses())
        .containsExactly("10.0.0.5");
    Reply forwarded = DnsClient.tcp(dns, DnsClient.query(11, "example.com", DnsMessage.TYPE_A));
    assertThat(forwarded.id()).isEqualTo(11);
    assertThat(forwarded.addresses()).containsExactly("192.0.2.3");
  }

  @Test
  void aTruncatedUpstreamAnswerIsAskedAgainOverTcp() throws Exception {
    List<String> many = IntStream.range(1, 41).mapToObj(i -> "192.0.2." + i).toList();
    FakeUpstream upstream = upstream(new FakeUpstream(
        q -> DnsClient.reply(q, 0x0200, List.of()), q -> DnsClient.reply(q, 0, many)));
    Endpoints dns = serve(server(List.of(upstream.address())), "c1");

    Reply overTcp = DnsClient.tcp(dns.tcp(), DnsClient.query(12, "big.example", DnsMessage.TYPE_A));
    Reply overEdns = DnsClient.udp(dns.udp(), DnsClient.query(13, 0, List.of("big.example"), DnsMessage.TYPE_A, true));
    Reply overUdp = DnsClient.udp(dns.udp(), DnsClient.query(14, "big.example", DnsMessage.TYPE_A));

    assertThat(upstream.tcpQueries).hasSize(3);
    assertThat(overTcp.id()).isEqualTo(12);
    assertThat(overTcp.truncated()).isFalse();
    assertThat(overTcp.addresses()).isEqualTo(many);
    assertThat(overEdns.addresses()).as("fits in the 4096 bytes the client accepts").isEqualTo(many);
    assertThat(overUdp.truncated()).as("too big for 512 bytes: the client must ask over TCP").isTrue();
    assertThat(overUdp.id()).isEqualTo(14);
  }

  @Test
  void manyLocalAddressesAreTrimmedToFitAUdpReply() throws Exception {
    Endpoints dns = serve(server(List.of()), "c1");
    Reply udp = DnsClient.udp(dns.udp(), DnsClient.query(15, "crowd", DnsMessage.TYPE_A));
    Reply tcp = DnsClient.tcp(dns.tcp(), DnsClient.query(16, "crowd", DnsMessage.TYPE_A));
    assertThat(udp.truncated()).isTrue();
    assertThat(udp.answers()).hasSizeLessThan(40).hasSizeGreaterThan(20);
    assertThat(tcp.truncated()).isFalse();
    assertThat(tcp.answers()).hasSize(40);
  }

  @Test
  void ofSeveralQuestionsTheFirstIsAnswered() throws Exception {
    Reply reply = DnsClient.udp(serve(server(List.of()), "c1").udp(),
        DnsClient.query(17, 0, List.of("db", "web"), DnsMessage.TYPE_A, false));
    assertThat(reply.questions()).isEqualTo(1);
    assertThat(reply.addresses()).containsExactly("10.0.0.5");
  }

  @Test
  void malformedPacketsAreDroppedAndTheServerGoesOnAnswering() throws Exception {
    InetSocketAddress dns = serve(server(List.of()), "c1").udp();
    byte[] loop = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xC0, 12, 0, 1, 0, 1};
    byte[] shortCounts = {0, 1, 1, 0, 0, 3, 0, 0, 0, 0, 0, 0, 3, 'w', 'e', 'b', 0, 0, 1, 0, 1};
    byte[] response = DnsClient.reply(DnsClient.query(1, "web", DnsMessage.TYPE_A), 0, List.of());
    for (byte[] garbage : List.of(new byte[] {1, 2, 3}, new byte[0], loop, shortCounts, response, new byte[600])) {
      assertThat(DnsClient.udpRaw(dns, garbage, 150)).isNull();
    }
    assertThat(DnsClient.udp(dns, DnsClient.query(18, "db", DnsMessage.TYPE_A)).addresses())
        .containsExactly("10.0.0.5");
  }

  @Test
  void stopClosesTheScopesChannelsAndLeavesTheOthersServed() throws Exception {
    DnsServer server = server(List.of());
    Endpoints other = serve(server, "c1");
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    DatagramChannel udp = DatagramChannel.open().bind(loopback);
    ServerSocketChannel tcp = ServerSocketChannel.open().bind(loopback);
    server.serve("c2", udp, tcp);
    InetSocketAddress tcpAddress = (InetSocketAddress) tcp.getLocalAddress();

    server.stop("c2");

    assertThat(udp.isOpen()).isFalse();
    assertThat(tcp.isOpen()).isFalse();
    assertThat(refusesConnections(tcpAddress)).as("the TCP port is released").isTrue();
    assertThat(DnsClient.udp(other.udp(), DnsClient.query(19, "db", DnsMessage.TYPE_A)).addresses()).hasSize(1);
  }

  @Test
  void aScopeIsServedOnceAtATime() throws Exception {
    DnsServer server = server(List.of());
    serve(server, "c1");
    assertThatThrownBy(() -> serve(server, "c1")).isInstanceOf(Conflict.class);
  }

  @Test
  void upstreamsAreTheNameserversOfResolvConf() {
    String resolvConf = """
        # generated
        search example.com
        nameserver 10.255.255.53
        nameserver   2001:db8::53  # second
        ;nameserver 10.9.9.9
        nameserver dns.example.com
        nameserver 10.255.255.53
        options ndots:0
        """;
    assertThat(DnsServer.upstreamsOf(resolvConf)).containsExactly(
        new InetSocketAddress(InetAddress.ofLiteral("10.255.255.53"), 53),
        new InetSocketAddress(InetAddress.ofLiteral("2001:db8::53"), 53));
    assertThat(DnsServer.upstreamsOf("")).isEmpty();
  }

  /** Where a scope is served. */
  record Endpoints(InetSocketAddress udp, InetSocketAddress tcp) {}

  private DnsServer server(List<InetSocketAddress> upstreams) {
    DnsServer server = new DnsServer(RESOLVER, upstreams);
    cleanup.add(server);
    return server;
  }

  private FakeUpstream upstream(FakeUpstream upstream) {
    cleanup.add(upstream);
    return upstream;
  }

  private static Endpoints serve(DnsServer server, String scope) throws IOException {
    InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    DatagramChannel udp = DatagramChannel.open().bind(any);
    ServerSocketChannel tcp = ServerSocketChannel.open().bind(any);
    try {
      server.serve(scope, udp, tcp);
    } catch (RuntimeException e) {
      udp.close();
      tcp.close();
      throw e;
    }
    return new Endpoints((InetSocketAddress) udp.getLocalAddress(), (InetSocketAddress) tcp.getLocalAddress());
  }

  /**
   * Whether {@code address} refuses connections within a second: the socket of a listener closed
   * while a thread accepts on it is released when that thread wakes up.
   */
  private static boolean refusesConnections(InetSocketAddress address) throws Exception {
    for (int i = 0; i < 100; i++) {
      try {
        new Socket(address.getAddress(), address.getPort()).close();
        Thread.sleep(10);
      } catch (ConnectException e) {
        return true;
      }
    }
    return false;
  }

  private static InetSocketAddress closedPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }
  }

  private static Inet4Address ipv4(String address) {
    return (Inet4Address) InetAddress.ofLiteral(address);
  }
}
