package io.wharf.engine.network.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The message codec on its own: names with compression, headers, questions, EDNS, reverse names. */
class DnsCodecTest {
  @Test
  void aNameIsReadThroughCompressionPointers() throws Exception {
    // "example.com" at 2, then "www" + pointer to it at 15
    byte[] message = {
      0, 0, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 3, 'w', 'w', 'w', (byte) 0xC0, 2
    };
    DnsName.Read name = DnsName.read(message, 15);
    assertThat(name.labels()).containsExactly("www", "example", "com");
    assertThat(name.end()).isEqualTo(21);
  }

  @Test
  void pointerLoopsForwardPointersAndOverlongNamesAreRejected() {
    byte[] selfLoop = {(byte) 0xC0, 0};
    byte[] forward = {(byte) 0xC0, 2, 0};
    byte[] labelLoop = {1, 'a', (byte) 0xC0, 0};
    byte[] overlong = new byte[300];
    for (int i = 0; i < 296; i += 4) {
      overlong[i] = 3;
    }
    for (byte[] bad : List.of(selfLoop, forward, labelLoop, overlong, new byte[] {5, 'a'}, new byte[] {(byte) 0x80})) {
      assertThatThrownBy(() -> DnsName.read(bad, 0)).isInstanceOf(DnsFormatException.class);
    }
  }

  @Test
  void aQueryGivesItsHeaderFirstQuestionAndEdnsSize() throws Exception {
    DnsMessage query = DnsMessage.parse(DnsClient.query(0xBEEF, 0, List.of("Web.Front", "db"), 28, true));
    assertThat(query.id()).isEqualTo(0xBEEF);
    assertThat(query.isResponse()).isFalse();
    assertThat(query.recursionDesired()).isTrue();
    assertThat(query.questionCount()).isEqualTo(2);
    assertThat(query.question().labels()).containsExactly("Web", "Front");
    assertThat(query.question().name()).isEqualTo("web.front");
    assertThat(query.question().type()).isEqualTo(DnsMessage.TYPE_AAAA);
    assertThat(query.udpLimit()).isEqualTo(4096);
    assertThat(DnsMessage.parse(DnsClient.query(1, "web", 1)).udpLimit()).isEqualTo(512);
  }

  @Test
  void messagesShorterThanTheirCountsAreRejected() {
    byte[] query = DnsClient.query(1, 0, List.of("web"), 1, true);
    for (int length : new int[] {0, 11, 14, query.length - 1}) {
      assertThatThrownBy(() -> DnsMessage.parse(Arrays.copyOf(query, length)))
          .isInstanceOf(DnsFormatException.class);
    }
  }

  @Test
  void repliesPointAtTheQuestionAndStopWhereTheLimitIs() throws Exception {
    DnsMessage query = DnsMessage.parse(DnsClient.query(9, "web", 1));
    List<Inet4Address> addresses = IntStream.range(0, 5)
        .mapToObj(i -> (Inet4Address) InetAddress.ofLiteral("10.0.0." + i)).toList();
    byte[] all = DnsReply.addresses(query, addresses, 512);
    byte[] two = DnsReply.addresses(query, addresses, 12 + 9 + 2 * 16);

    assertThat(all).hasSize(12 + 9 + 5 * 16);
    assertThat(DnsClient.parse(all).answers()).extracting(DnsClient.Answer::name).containsOnly("web");
    assertThat(DnsClient.parse(two).addresses()).containsExactly("10.0.0.0", "10.0.0.1");
    assertThat(DnsClient.parse(two).truncated()).isTrue();
    assertThat(DnsClient.parse(DnsReply.error(query, DnsMessage.SERVFAIL)).rcode()).isEqualTo(DnsMessage.SERVFAIL);
  }

  @Test
  void reverseNamesOfIpv4AddressesAreRecognised() {
    assertThat(DnsName.reverseAddress(DnsName.labels("5.0.18.172.IN-ADDR.ARPA.")))
        .isEqualTo(InetAddress.ofLiteral("172.18.0.5"));
    for (String other : List.of("0.18.172.in-addr.arpa", "256.0.18.172.in-addr.arpa", "x.0.18.172.in-addr.arpa",
        "5.0.18.172.in-addr.example", "1.0.0.0.ip6.arpa", "-1.0.18.172.in-addr.arpa")) {
      assertThat(DnsName.reverseAddress(DnsName.labels(other))).as(other).isNull();
    }
  }
}
