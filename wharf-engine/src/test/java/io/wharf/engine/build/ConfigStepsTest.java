package io.wharf.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.errors.InvalidArgument;
import org.junit.jupiter.api.Test;

class ConfigStepsTest {
  @Test
  void exposeTakesPortsProtocolsAndRanges() {
    assertThat(ConfigSteps.portSpecs("80")).containsExactly("80/tcp");
    assertThat(ConfigSteps.portSpecs("53/UDP")).containsExactly("53/udp");
    assertThat(ConfigSteps.portSpecs("8000-8002/tcp")).containsExactly("8000/tcp", "8001/tcp", "8002/tcp");
  }

  @Test
  void exposeRefusesWhatIsNoPort() {
    assertThatThrownBy(() -> ConfigSteps.portSpecs("http")).isInstanceOf(InvalidArgument.class)
        .hasMessage("invalid containerPort: http");
    assertThatThrownBy(() -> ConfigSteps.portSpecs("80/icmp")).isInstanceOf(InvalidArgument.class);
    assertThatThrownBy(() -> ConfigSteps.portSpecs("70000")).isInstanceOf(InvalidArgument.class);
  }

  @Test
  void workdirIsRelativeToThePreviousOneAndCleaned() {
    assertThat(WorkdirStep.resolve(null, "app")).isEqualTo("/app");
    assertThat(WorkdirStep.resolve("/a", "b/../c")).isEqualTo("/a/c");
    assertThat(WorkdirStep.resolve("/a", "/x/./y/")).isEqualTo("/x/y");
    assertThat(WorkdirStep.resolve("/a", "..")).isEqualTo("/");
  }

  @Test
  void chmodIsOctal() {
    assertThat(CopyStep.chmod("755")).isEqualTo(0755);
    assertThat(CopyStep.chmod(null)).isNull();
    assertThatThrownBy(() -> CopyStep.chmod("u+x")).isInstanceOf(InvalidArgument.class);
  }
}
