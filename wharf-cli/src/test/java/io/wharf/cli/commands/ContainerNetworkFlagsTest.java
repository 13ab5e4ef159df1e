package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.client.JsonValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerNetworkFlagsTest {
  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon().answer(201, "{\"Id\":\"c0ffee\",\"Warnings\":[]}");
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  @Test
  void withoutNetworkFlagsTheBodyIsDockers() {
    FakeDaemon.Result result = daemon.wharf("", "create", "busybox");

    assertThat(result.code()).isZero();
    Map<String, Object> body = body();
    assertThat(body).doesNotContainKey("ExposedPorts");
    assertThat(hostConfig(body)).containsEntry("NetworkMode", "default").containsEntry("PortBindings", Map.of())
        .containsEntry("PublishAllPorts", false).containsEntry("Dns", List.of()).containsEntry("DnsSearch", List.of())
        .containsEntry("DnsOptions", List.of()).doesNotContainKey("ExtraHosts");
    assertThat(JsonValues.write(body.get("NetworkingConfig")))
        .isEqualTo("{\"EndpointsConfig\":{\"default\":{\"Aliases\":null,\"IPAMConfig\":null}}}");
  }

  @Test
  void publishedAndExposedPortsGoToConfigAndHostConfig() {
    daemon.wharf("", "create", "-p", "8080:80", "--publish", "127.0.0.1::53/udp", "-P", "--expose", "9000-9001",
        "busybox");

    Map<String, Object> body = body();
    assertThat(JsonValues.write(body.get("ExposedPorts")))
        .isEqualTo("{\"53/udp\":{},\"80/tcp\":{},\"9000/tcp\":{},\"9001/tcp\":{}}");
    assertThat(JsonValues.write(hostConfig(body).get("PortBindings")))
        .isEqualTo("{\"53/udp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}],\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]}");
    assertThat(hostConfig(body)).containsEntry("PublishAllPorts", true);
  }

  @Test
  void aUserNetworkCarriesTheAliasesAndTheAddress() {
    daemon.wharf("", "run", "-d", "--network", "backend", "--network-alias", "db", "--net-alias", "primary",
        "--ip", "172.30.0.5", "busybox");

    Map<String, Object> body = body();
    assertThat(hostConfig(body)).containsEntry("NetworkMode", "backend");
    assertThat(JsonValues.write(body.get("NetworkingConfig"))).isEqualTo(
        "{\"EndpointsConfig\":{\"backend\":{\"Aliases\":[\"db\",\"primary\"],\"IPAMConfig\":{\"IPv4Address\":\"172.30.0.5\"}}}}");
  }

  @Test
  void aNetworkWithoutSettingsHasNoEndpointConfig() {
    daemon.wharf("", "create", "--net", "host", "busybox");

    assertThat(hostConfig(body())).containsEntry("NetworkMode", "host");
    assertThat(JsonValues.write(body().get("NetworkingConfig"))).isEqualTo("{\"EndpointsConfig\":{}}");
  }

  @Test
  void theLongNetworkSyntaxNamesItsOwnAliases() {
    daemon.wharf("", "create", "--network", "name=front,alias=web,alias=www", "--network", "back", "busybox");

    assertThat(hostConfig(body())).containsEntry("NetworkMode", "front");
    assertThat(JsonValues.write(body().get("NetworkingConfig"))).isEqualTo("{\"EndpointsConfig\":{"
        + "\"front\":{\"Aliases\":[\"web\",\"www\"],\"IPAMConfig\":null},\"back\":{\"Aliases\":null,\"IPAMConfig\":null}}}");
  }

  @Test
  void dnsAndExtraHostsGoToHostConfig() {
    daemon.wharf("", "create", "--dns", "8.8.8.8", "--dns-search", "example.com", "--dns-option", "ndots:2",
        "--dns-opt", "timeout:1", "--add-host", "db=10.0.0.2", "--add-host", "gw:host-gateway", "busybox");

    assertThat(hostConfig(body())).containsEntry("Dns", List.of("8.8.8.8")).containsEntry("DnsSearch", List.of("example.com"))
        .containsEntry("DnsOptions", List.of("ndots:2", "timeout:1"))
        .containsEntry("ExtraHosts", List.of("db:10.0.0.2", "gw:host-gateway"));
  }

  @Test
  void aBadPublishSpecIsRefusedBeforeAnyRequest() {
    FakeDaemon.Result result = daemon.wharf("", "run", "-p", "8080:x", "busybox");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err()).isEqualTo("wharf: invalid containerPort: x.\nSee 'wharf run --help'.\n");
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void aliasesNeedAUserNetwork() {
    FakeDaemon.Result result = daemon.wharf("", "create", "--network-alias", "db", "busybox");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err())
        .startsWith("wharf: network-scoped aliases are only supported for user-defined networks.\nSee 'wharf create --help'.");
  }

  @Test
  void userAndBuiltInNetworksDoNotMix() {
    FakeDaemon.Result result = daemon.wharf("", "create", "--network", "backend", "--network", "host", "busybox");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err()).startsWith(
        "wharf: conflicting options: cannot attach both user-defined and non-user-defined network-modes.");
  }

  @Test
  void aBadDnsServerIsAFlagError() {
    FakeDaemon.Result result = daemon.wharf("", "create", "--dns", "x", "busybox");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err())
        .startsWith("invalid argument \"x\" for \"--dns\" flag: IP address is not correctly formatted: x\nSee 'wharf create --help'.");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> body() {
    FakeDaemon.Request create = daemon.requests().stream().filter(r -> r.uri().contains("/containers/create"))
        .findFirst().orElseThrow();
    return (Map<String, Object>) JsonValues.read(create.text());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> hostConfig(Map<String, Object> body) {
    return (Map<String, Object>) body.get("HostConfig");
  }
}
