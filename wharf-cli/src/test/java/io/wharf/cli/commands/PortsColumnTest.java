package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.client.JsonValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortsColumnTest {
  @Test
  void publishedOnBothFamiliesShowsEachAddress() {
    assertThat(ports("""
        [{"IP":"::","PrivatePort":80,"PublicPort":8080,"Type":"tcp"},
         {"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"}]"""))
        .isEqualTo("0.0.0.0:8080->80/tcp, [::]:8080->80/tcp");
  }

  @Test
  void anUnpublishedPortIsItsNumberAndProtocol() {
    assertThat(ports("[{\"PrivatePort\":80,\"Type\":\"tcp\"}]")).isEqualTo("80/tcp");
  }

  @Test
  void consecutivePortsOnTheSameNumbersCollapse() {
    assertThat(ports("""
        [{"IP":"0.0.0.0","PrivatePort":8001,"PublicPort":8001,"Type":"tcp"},
         {"IP":"0.0.0.0","PrivatePort":8000,"PublicPort":8000,"Type":"tcp"},
         {"PrivatePort":9001,"Type":"udp"},{"PrivatePort":9000,"Type":"udp"}]"""))
        .isEqualTo("0.0.0.0:8000-8001->8000-8001/tcp, 9000-9001/udp");
  }

  @Test
  void portsOnOtherHostNumbersAreListedOneByOneAfterTheRuns() {
    // as docker: 8000-8001:80-81 is not collapsed, only same-number runs are
    assertThat(ports("""
        [{"IP":"0.0.0.0","PrivatePort":81,"PublicPort":8001,"Type":"tcp"},
         {"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8000,"Type":"tcp"},
         {"PrivatePort":443,"Type":"tcp"}]"""))
        .isEqualTo("443/tcp, 0.0.0.0:8000->80/tcp, 0.0.0.0:8001->81/tcp");
  }

  @Test
  void aGapStartsANewRun() {
    assertThat(ports("""
        [{"PrivatePort":80,"Type":"tcp"},{"PrivatePort":81,"Type":"tcp"},{"PrivatePort":83,"Type":"tcp"}]"""))
        .isEqualTo("80-81/tcp, 83/tcp");
  }

  @Test
  void noPortsNoText() {
    assertThat(PortsColumn.of(Map.of())).isEmpty();
    assertThat(ports("[]")).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static String ports(String json) {
    return PortsColumn.of(Map.of("Ports", JsonValues.read(json)));
  }
}
