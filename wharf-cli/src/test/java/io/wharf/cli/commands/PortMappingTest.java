package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortMappingTest {
  @Test
  void hostPortAndContainerPort() {
    assertThat(PortMapping.parse("8080:80")).containsExactly(new PortMapping("80/tcp", "", "8080"));
  }

  @Test
  void anAddressTheHostPortAndTheContainerPort() {
    assertThat(PortMapping.parse("127.0.0.1:8080:80")).containsExactly(new PortMapping("80/tcp", "127.0.0.1", "8080"));
  }

  @Test
  void anAddressWithoutHostPortLeavesThePortToTheDaemon() {
    assertThat(PortMapping.parse("127.0.0.1::80")).containsExactly(new PortMapping("80/tcp", "127.0.0.1", ""));
  }

  @Test
  void aContainerPortAlone() {
    assertThat(PortMapping.parse("80")).containsExactly(new PortMapping("80/tcp", "", ""));
  }

  @Test
  void rangesAreExpandedPortByPort() {
    assertThat(PortMapping.parse("8000-8001:80-81")).containsExactly(
        new PortMapping("80/tcp", "", "8000"), new PortMapping("81/tcp", "", "8001"));
  }

  @Test
  void aHostRangeForOneContainerPortStaysARange() {
    assertThat(PortMapping.parse("8000-8010:80")).containsExactly(new PortMapping("80/tcp", "", "8000-8010"));
  }

  @Test
  void theProtocolIsLowerCased() {
    assertThat(PortMapping.parse("53:53/udp")).containsExactly(new PortMapping("53/udp", "", "53"));
    assertThat(PortMapping.parse("53/UDP")).containsExactly(new PortMapping("53/udp", "", ""));
    assertThat(PortMapping.parse("80/")).containsExactly(new PortMapping("80/tcp", "", ""));
  }

  @Test
  void anIpv6AddressInBracketsLosesThem() {
    assertThat(PortMapping.parse("[::1]:80:80")).containsExactly(new PortMapping("80/tcp", "::1", "80"));
  }

  @Test
  void theLongSyntaxBecomesTheShortOne() {
    assertThat(PortMapping.standardNotation("target=80,published=8080,protocol=udp,mode=host")).isEqualTo("8080:80/udp");
    assertThat(PortMapping.standardNotation("target=80")).isEqualTo(":80/tcp");
    assertThat(PortMapping.standardNotation("8080:80")).isEqualTo("8080:80");
  }

  @Test
  void badSpecsAreRefusedWithDockersMessages() {
    assertThatThrownBy(() -> PortMapping.parse("x")).hasMessage("invalid containerPort: x");
    assertThatThrownBy(() -> PortMapping.parse("8080:70000")).hasMessage("invalid containerPort: 70000");
    assertThatThrownBy(() -> PortMapping.parse("y:80")).hasMessage("invalid hostPort: y");
    assertThatThrownBy(() -> PortMapping.parse("1.2.3:80:80")).hasMessage("invalid IP address: 1.2.3");
    assertThatThrownBy(() -> PortMapping.parse("8080:")).hasMessage("no port specified: 8080:<empty>");
    assertThatThrownBy(() -> PortMapping.parse("80/icmp")).hasMessage("invalid proto: icmp");
    assertThatThrownBy(() -> PortMapping.parse("81-80")).hasMessage("invalid containerPort: 81-80");
    assertThatThrownBy(() -> PortMapping.parse("8000-8002:80-81"))
        .hasMessage("invalid ranges specified for container and host Ports: 80-81 and 8000-8002");
    assertThatThrownBy(() -> PortMapping.parse("[::1:80:80"))
        .hasMessage("invalid IP address [::1: address [::1:: missing ']' in address");
    assertThatThrownBy(() -> PortMapping.standardNotation("target=80,oops"))
        .hasMessage("invalid publish opts format (should be name=value but got 'oops')");
  }

  @Test
  void exposeTakesPortsAndRanges() {
    assertThat(PortMapping.exposed("80")).containsExactly("80/tcp");
    assertThat(PortMapping.exposed("8000-8002/udp")).containsExactly("8000/udp", "8001/udp", "8002/udp");
    assertThatThrownBy(() -> PortMapping.exposed("80:80")).hasMessage("invalid port format for --expose: 80:80");
    assertThatThrownBy(() -> PortMapping.exposed("x"))
        .hasMessage("invalid range format for --expose: x, error: strconv.ParseUint: parsing \"x\": invalid syntax");
  }

  @Test
  void publishedPortsAreExposedAndBoundKeyedByPort() {
    PublishedPorts ports = PublishedPorts.of(List.of("8080:80", "127.0.0.1:8081:80", "53/udp"), List.of("9000-9001"));

    assertThat(ports.exposed()).containsOnlyKeys("53/udp", "80/tcp", "9000/tcp", "9001/tcp");
    assertThat(ports.bindings()).containsExactly(
        Map.entry("53/udp", List.of(Map.of("HostIp", "", "HostPort", ""))),
        Map.entry("80/tcp", List.of(Map.of("HostIp", "", "HostPort", "8080"),
            Map.of("HostIp", "127.0.0.1", "HostPort", "8081"))));
  }
}
