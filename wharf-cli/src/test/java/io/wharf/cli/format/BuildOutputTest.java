package io.wharf.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the JSON message stream of a build is printed: {@link JsonMessages} and the sizes it shows. */
class BuildOutputTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final List<Object> aux = new ArrayList<>();

  @Test
  void streamsArePrintedAsTheyAreAndAuxGoesToTheCallback() throws Exception {
    display("""
        {"stream":"Step 1/2 : FROM busybox"}
        {"stream":"\\n"}
        {"status":"Pulling from library/busybox","id":"latest"}
        {"status":"Downloading","progressDetail":{"current":100,"total":2000},"progress":"[=>   ]","id":"abc"}
        {"status":"Pull complete","progressDetail":{},"id":"abc"}
        {"stream":" ---> 6458dff9a488\\n"}
        {"aux":{"ID":"sha256:6458dff9a488"}}
        {"stream":"Successfully built 6458dff9a488\\n"}
        """);

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
        Step 1/2 : FROM busybox
        latest: Pulling from library/busybox
        abc: Pull complete
         ---> 6458dff9a488
        Successfully built 6458dff9a488
        """);
    assertThat(aux).containsExactly(java.util.Map.of("ID", "sha256:6458dff9a488"));
  }

  @Test
  void anErrorDetailEndsTheStreamWithItsCodeAndMessage() {
    assertThatThrownBy(() -> display("""
        {"stream":"Step 2/2 : RUN exit 3\\n"}
        {"errorDetail":{"code":3,"message":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"},"error":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"}
        {"stream":"never printed\\n"}
        """))
        .isInstanceOfSatisfying(JsonMessages.Failure.class, failure -> {
          assertThat(failure.code()).isEqualTo(3);
          assertThat(failure.getMessage()).isEqualTo("The command '/bin/sh -c exit 3' returned a non-zero code: 3");
        });
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("Step 2/2 : RUN exit 3\n");
  }

  @Test
  void anErrorWithoutDetailIsNoFailure() throws Exception {
    display("{\"error\":\"legacy\"}\n");

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\n");
  }

  @Test
  void sizesAreGoUnitsHumanSizeWithFourDigits() {
    assertThat(Units.humanSize4(2048)).isEqualTo("2.048kB");
    assertThat(Units.humanSize4(999)).isEqualTo("999B");
    assertThat(Units.humanSize4(1_234_567)).isEqualTo("1.235MB");
    assertThat(Units.humanSize4(0)).isEqualTo("0B");
  }

  @Test
  void ramSizesAreBinaryWhateverTheSuffix() {
    assertThat(Units.ramInBytes("64m")).isEqualTo(64L << 20);
    assertThat(Units.ramInBytes("1.5GiB")).isEqualTo(3L << 29);
    assertThat(Units.ramInBytes("512")).isEqualTo(512);
    assertThat(Units.ramInBytes("2 kb")).isEqualTo(2048);
    assertThatThrownBy(() -> Units.ramInBytes("lots")).hasMessage("invalid size: 'lots'");
    assertThatThrownBy(() -> Units.ramInBytes("1x")).hasMessage("invalid suffix: 'x'");
  }

  private void display(String stream) throws JsonMessages.Failure {
    JsonMessages.display(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), out, aux::add);
  }
}
