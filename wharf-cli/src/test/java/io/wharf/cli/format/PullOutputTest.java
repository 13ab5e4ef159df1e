package io.wharf.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pull's messages on a terminal: a line per layer, rewritten in place, with docker's bars. */
class PullOutputTest {
  private static final String ESC = "\u001b";
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String display(String stream, int width) throws JsonMessages.Failure {
    JsonMessages.display(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), out, aux -> { }, width);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eachLayerKeepsItsLineAndIsRewrittenInPlace() throws Exception {
    String shown = display("""
        {"status":"Pulling from library/busybox","id":"latest"}
        {"status":"Pulling fs layer","progressDetail":{},"id":"a1"}
        {"status":"Pulling fs layer","progressDetail":{},"id":"b2"}
        {"status":"Downloading","progressDetail":{"current":500,"total":1000},"id":"a1"}
        {"status":"Pull complete","progressDetail":{},"id":"b2"}
        {"status":"Digest: sha256:abc"}
        """, 120);

    assertThat(shown).isEqualTo("latest: Pulling from library/busybox\n"
        + "\n" + ESC + "[1A" + ESC + "[2K\ra1: Pulling fs layer \r" + ESC + "[1B"
        + "\n" + ESC + "[1A" + ESC + "[2K\rb2: Pulling fs layer \r" + ESC + "[1B"
        + ESC + "[2A" + ESC + "[2K\ra1: Downloading [" + "=".repeat(25) + ">" + " ".repeat(25) + "]     500B/1kB\r"
        + ESC + "[2B"
        + ESC + "[1A" + ESC + "[2K\rb2: Pull complete \r" + ESC + "[1B"
        + "Digest: sha256:abc\n");
  }

  @Test
  void narrowTerminalsGetNumbersWithoutTheBar() {
    assertThat(ProgressBar.render(Map.of("current", 1_500_000L, "total", 3_000_000L), 80, 0)).isEqualTo("   1.5MB/3MB");
    assertThat(ProgressBar.render(Map.of("current", 2048L), 200, 0)).isEqualTo(" 2.048kB");
    assertThat(ProgressBar.render(Map.of("current", 10L, "total", 100L, "start", 100L), 200, 190))
        .endsWith("     10B/100B 13m30s");
    assertThat(ProgressBar.render(Map.of(), 200, 0)).isEmpty();
  }

  @Test
  void anErrorEndsTheStreamWithItsMessageEvenA401() {
    assertThatThrownBy(() -> display("{\"errorDetail\":{\"message\":\"boom\"},\"error\":\"boom\"}\n", 120))
        .isInstanceOf(JsonMessages.Failure.class).hasMessage("boom");
    // older docker CLIs said "authentication is required" for code 401; docker 28.2 prints the message
    assertThatThrownBy(() -> display("{\"errorDetail\":{\"code\":401,\"message\":\"no\"}}\n", 0))
        .isInstanceOf(JsonMessages.Failure.class).hasMessage("no");
  }
}
