package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PsCommandTest {
  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon().answer(200, """
        [{"Id":"0123456789abcdef","Names":["/web"],"Image":"nginx","Command":"nginx","Created":0,"State":"running",
          "Status":"Up 2 minutes","Ports":[{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"},
          {"PrivatePort":443,"Type":"tcp"}],
          "NetworkSettings":{"Networks":{"backend":{},"frontend":{}}}}]
        """);
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  @Test
  void theTemplateSeesPortsAndNetworks() {
    FakeDaemon.Result result = daemon.wharf("", "ps", "--format", "{{.Names}}|{{.Ports}}|{{.Networks}}");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("web|443/tcp, 0.0.0.0:8080->80/tcp|backend,frontend\n");
  }

  @Test
  void theTableHasThePortsColumn() {
    String table = daemon.wharf("", "ps", "--format", "table {{.Names}}\\t{{.Ports}}").out();

    assertThat(table).isEqualTo("NAMES     PORTS\nweb       443/tcp, 0.0.0.0:8080->80/tcp\n");
  }
}
