package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code --since}/{@code --until} of logs and events, read as docker reads them. */
class LogsSinceTest {
  private static double seconds(String value) {
    return Double.parseDouble(LogsCommand.unixTime(value));
  }

  @Test
  void goDurationsOfSeveralUnitsMeanThatLongAgo() {
    double now = Instant.now().getEpochSecond();
    assertThat(seconds("1h30m")).isBetween(now - 5400 - 5, now - 5400 + 5);
    assertThat(seconds("1.5s")).isBetween(now - 7, now + 1);
    assertThat(seconds("10m")).isBetween(now - 600 - 5, now - 600 + 5);
  }

  @Test
  void unixSecondsAndTimestampsAreTakenAsThey() {
    assertThat(LogsCommand.unixTime("1700000000.5")).isEqualTo("1700000000.5");
    assertThat(LogsCommand.unixTime("2026-11-25T12:00:00Z")).isEqualTo("1795608000.000000000");
  }

  @Test
  void anythingElseIsRefusedAsDockerWordsIt() {
    assertThatThrownBy(() -> LogsCommand.unixTime("yesterday"))
        .hasMessageContaining("failed to parse value as time or duration: \"yesterday\"");
  }
}
