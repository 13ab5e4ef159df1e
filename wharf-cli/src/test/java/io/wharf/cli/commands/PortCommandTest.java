package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortCommandTest {
  private static final String INSPECT = """
      {"Id":"abc","NetworkSettings":{"Ports":{
        "80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"},{"HostIp":"::","HostPort":"8080"}],
        "443/tcp":[{"HostIp":"127.0.0.1","HostPort":"8443"}],
        "53/udp":null,
        "9/tcp":[{"HostIp":"0.0.0.0","HostPort":"32768"}]}}}
      """;

  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon().answer(200, INSPECT);
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  @Test
  void everyPublishedPortInNaturalOrder() {
    FakeDaemon.Result result = daemon.wharf("", "port", "web");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("""
        9/tcp -> 0.0.0.0:32768
        80/tcp -> 0.0.0.0:8080
        80/tcp -> [::]:8080
        443/tcp -> 127.0.0.1:8443
        """);
    assertThat(daemon.request().uri()).isEqualTo("/v1.44/containers/web/json");
  }

  @Test
  void onePortGivesItsHostAddresses() {
    assertThat(daemon.wharf("", "port", "web", "80").out()).isEqualTo("0.0.0.0:8080\n[::]:8080\n");
    assertThat(daemon.wharf("", "container", "port", "web", "443/tcp").out()).isEqualTo("127.0.0.1:8443\n");
  }

  @Test
  void aPortNotPublishedIsAnError() {
    FakeDaemon.Result result = daemon.wharf("", "port", "web", "81/tcp");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("Error: No public port '81/tcp' published for web\n");
    assertThat(daemon.wharf("", "port", "web", "53/udp").err()).isEqualTo("Error: No public port '53/udp' published for web\n");
  }

  @Test
  void aPortThatIsNotANumberIsAnError() {
    FakeDaemon.Result result = daemon.wharf("", "port", "web", "http");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("Error: invalid port (http): strconv.ParseUint: parsing \"http\": invalid syntax\n");
  }

  @Test
  void aContainerWithoutPortsPrintsNothing() {
    daemon.answer(200, "{\"Id\":\"abc\",\"NetworkSettings\":{\"Ports\":{}}}");

    FakeDaemon.Result result = daemon.wharf("", "port", "web");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEmpty();
  }

  @Test
  void argumentCountsAreDockers() {
    FakeDaemon.Result result = daemon.wharf("", "port");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("\"wharf port\" requires at least 1 and at most 2 arguments.\n"
        + "See 'wharf port --help'.\n\nUsage:  wharf port CONTAINER [PRIVATE_PORT[/PROTO]]");
  }
}
