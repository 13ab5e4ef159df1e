package io.wharf.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipSourceTest {
  @Test
  void gunzipGivesTheSourceBackAndTheSameSourceTheSameBytes() throws Exception {
    byte[] source = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(source);
    for (int i = 0; i < source.length / 2; i++) {
      source[i] = (byte) (i % 7); // half compressible, half not
    }
    byte[] once = GzipSource.of(new ByteArrayInputStream(source)).readAllBytes();
    byte[] twice = GzipSource.of(new ByteArrayInputStream(source)).readAllBytes();
    assertThat(once).isEqualTo(twice);
    assertThat(new GZIPInputStream(new ByteArrayInputStream(once)).readAllBytes()).isEqualTo(source);
    assertThat(Compression.decompress(new ByteArrayInputStream(once)).readAllBytes()).isEqualTo(source);
  }

  @Test
  void anEmptySourceIsAValidEmptyGzip() throws Exception {
    byte[] empty = GzipSource.of(new ByteArrayInputStream(new byte[0])).readAllBytes();
    assertThat(new GZIPInputStream(new ByteArrayInputStream(empty)).readAllBytes()).isEmpty();
  }
}
