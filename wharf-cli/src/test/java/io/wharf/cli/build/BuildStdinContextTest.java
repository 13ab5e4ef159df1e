package io.wharf.cli.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BuildStdinContextTest {
  @Test
  void aPlainDockerfileIsWrappedInATarAsDockerfile() throws Exception {
    StdinContext stdin = StdinContext.read(in("FROM busybox\nRUN true\n".getBytes(StandardCharsets.UTF_8)), null);

    assertThat(stdin.relDockerfile()).isEqualTo("Dockerfile");
    assertThat(BuildContextTarTest.contents(stdin.body().readAllBytes()))
        .containsExactly(java.util.Map.entry("Dockerfile", "FROM busybox\nRUN true\n"));
  }

  @Test
  void aTarIsSentAsItIsWithFsDockerfileName() throws Exception {
    byte[] tar = StdinContext.wrapDockerfile("FROM scratch\n".getBytes(StandardCharsets.UTF_8));

    StdinContext stdin = StdinContext.read(in(tar), "Dockerfile.custom");

    assertThat(stdin.body().readAllBytes()).isEqualTo(tar);
    assertThat(stdin.relDockerfile()).isEqualTo("Dockerfile.custom");
  }

  @Test
  void aCompressedStreamIsTakenForAnArchive() throws Exception {
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(StdinContext.wrapDockerfile(new byte[] {'x'}));
    }

    StdinContext stdin = StdinContext.read(in(gzipped.toByteArray()), null);

    assertThat(stdin.body().readAllBytes()).isEqualTo(gzipped.toByteArray());
    assertThat(stdin.relDockerfile()).isEmpty();
  }

  @Test
  void aDockerfileOnStdinAndAnFFlagAreAmbiguous() {
    assertThatThrownBy(() -> StdinContext.read(in("FROM busybox\n".getBytes(StandardCharsets.UTF_8)), "Dockerfile"))
        .hasMessage("unable to prepare context: ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles");
  }

  @Test
  void fiveHundredTwelveBytesOfTextAreNoTar() {
    assertThat(StdinContext.isArchive("#".repeat(1024).getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(StdinContext.isArchive(new byte[1024])).isFalse();
  }

  private static ByteArrayInputStream in(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }
}
