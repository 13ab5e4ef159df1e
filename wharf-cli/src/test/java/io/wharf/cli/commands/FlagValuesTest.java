package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlagValuesTest {
  @Test
  void addHostTakesAColonOrAnEqualsSign() {
    assertThat(FlagValues.extraHosts(List.of("db:10.0.0.2", "cache=10.0.0.3"))).containsExactly("db:10.0.0.2",
        "cache:10.0.0.3");
  }

  @Test
  void addHostKeepsIpv6AddressesWithoutBrackets() {
    assertThat(FlagValues.extraHosts(List.of("v6:::1", "v6b=[2001:db8::1]"))).containsExactly("v6:::1",
        "v6b:2001:db8::1");
  }

  @Test
  void addHostTakesTheHostGateway() {
    assertThat(FlagValues.extraHosts(List.of("host.docker.internal:host-gateway")))
        .containsExactly("host.docker.internal:host-gateway");
  }

  @Test
  void addHostRefusesWhatDockerRefuses() {
    assertThatThrownBy(() -> FlagValues.extraHosts(List.of("nohost")))
        .hasMessage("invalid argument \"nohost\" for \"--add-host\" flag: bad format for add-host: \"nohost\"");
    assertThatThrownBy(() -> FlagValues.extraHosts(List.of(":1.2.3.4")))
        .hasMessage("invalid argument \":1.2.3.4\" for \"--add-host\" flag: bad format for add-host: \":1.2.3.4\"");
    assertThatThrownBy(() -> FlagValues.extraHosts(List.of("db:nope")))
        .hasMessage("invalid argument \"db:nope\" for \"--add-host\" flag: invalid IP address in add-host: \"nope\"");
  }

  @Test
  void dnsServersMustBeAddresses() {
    assertThat(FlagValues.ipAddresses(List.of("8.8.8.8", " 2001:4860:4860::8888 "), "--dns"))
        .containsExactly("8.8.8.8", "2001:4860:4860::8888");
    assertThatThrownBy(() -> FlagValues.ipAddresses(List.of("dns.example"), "--dns"))
        .hasMessage("invalid argument \"dns.example\" for \"--dns\" flag: IP address is not correctly formatted: dns.example");
  }

  @Test
  void dnsSearchDomainsAreValidated() {
    assertThat(FlagValues.dnsSearch(List.of("example.com", "corp.example.", "."))).containsExactly("example.com",
        "corp.example", ".");
    assertThatThrownBy(() -> FlagValues.dnsSearch(List.of("-bad.example")))
        .hasMessage("invalid argument \"-bad.example\" for \"--dns-search\" flag: -bad.example is not a valid domain");
    assertThatThrownBy(() -> FlagValues.dnsSearch(List.of("123")))
        .hasMessage("invalid argument \"123\" for \"--dns-search\" flag: 123 is not a valid domain");
  }
}
