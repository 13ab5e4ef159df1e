package io.wharf.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerLogTest {
  private static final String LOG = """
      2026-11-26T01:32:21.069889811+00:00 stdout F one
      2026-11-26T01:32:21.070107093+00:00 stdout P part
      2026-11-26T01:32:21.070114014+00:00 stderr F err1
      2026-11-26T01:32:21.271041062+00:00 stdout F ial
      2026-11-26T01:32:21.276785845+00:00 stdout F two
      2026-11-26T01:32:21.276785845+00:00 stdout F three
      2026-11-26T01:32:21.276822149+00:00 stderr P e-part
      2026-11-26T01:32:21.377163086+00:00 stderr F -end
      2026-11-26T01:32:22.508113101+00:00 stdout F four
      2026-11-26T01:32:22.508113101+00:00 stdout P noeol
      2026-11-26T01:32:22.508167131+00:00 stderr P errnoeol
      """;

  @TempDir
  Path dir;

  /** What the sink got, one entry a write: the stream's number, then its bytes. */
  private final List<String> writes = new ArrayList<>();
  private final ByteArrayOutputStream[] streams = {null, new ByteArrayOutputStream(), new ByteArrayOutputStream()};

  private void read(LogOptions options) throws IOException {
    Path log = dir.resolve("ctr.log");
    if (!Files.exists(log)) {
      Files.writeString(log, LOG);
    }
    ContainerLog.read(log, options, () -> false, (stream, bytes) -> {
      writes.add(stream + ":" + new String(bytes, StandardCharsets.UTF_8));
      streams[stream].write(bytes);
    });
  }

  private String out() {
    return streams[1].toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return streams[2].toString(StandardCharsets.UTF_8);
  }

  private static LogOptions options(Instant since, Instant until, int tail, boolean timestamps) {
    return new LogOptions(false, true, true, since, until, tail, timestamps, 0);
  }

  @Test
  void consecutiveRecordsOfOneStreamGoOutInOneWrite() throws IOException {
    read(LogOptions.all(false));

    assertThat(writes).containsExactly("1:one\npart", "2:err1\n", "1:ial\ntwo\nthree\n", "2:e-part-end\n",
        "1:four\nnoeol", "2:errnoeol");
  }

  @Test
  void partialRecordsJoinIntoTheLineTheProcessWrote() throws IOException {
    read(LogOptions.all(false));

    assertThat(out()).isEqualTo("one\npartial\ntwo\nthree\nfour\nnoeol");
    assertThat(err()).isEqualTo("err1\ne-part-end\nerrnoeol");
  }

  @Test
  void timestampsPrefixOnlyTheStartOfALine() throws IOException {
    read(options(null, null, -1, true));

    assertThat(out()).startsWith("2026-11-26T01:32:21.069889811Z one\n2026-11-26T01:32:21.070107093Z partial\n");
    assertThat(err()).isEqualTo("2026-11-26T01:32:21.070114014Z err1\n2026-11-26T01:32:21.276822149Z e-part-end\n"
        + "2026-11-26T01:32:22.508167131Z errnoeol");
  }

  @Test
  void tailCountsLinesOfBothStreamsNotRecords() throws IOException {
    read(options(null, null, 4, false));

    assertThat(out()).isEqualTo("four\nnoeol");
    assertThat(err()).isEqualTo("e-part-end\nerrnoeol");
  }

  @Test
  void tailZeroWritesNothing() throws IOException {
    read(options(null, null, 0, false));

    assertThat(writes).isEmpty();
  }

  @Test
  void sinceAndUntilKeepRecordsInTheirWindow() throws IOException {
    read(options(Instant.parse("2026-11-26T01:32:21.271041062Z"), Instant.parse("2026-11-26T01:32:21.377163086Z"),
        -1, false));

    assertThat(out()).isEqualTo("ial\ntwo\nthree\n");
    assertThat(err()).isEqualTo("e-part");
  }

  @Test
  void onlyTheStreamsAskedFor() throws IOException {
    read(new LogOptions(false, false, true, null, null, -1, false, 0));

    assertThat(writes).containsExactly("2:err1\ne-part-end\nerrnoeol");
  }

  @Test
  void binaryTextComesBackByteForByte() throws IOException {
    byte[] text = new byte[256];
    int n = 0;
    for (int b = 0; b < 256; b++) {
      if (b != '\n') {
        text[n++] = (byte) b;
      }
    }
    byte[] payload = java.util.Arrays.copyOf(text, n);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int len = 0; len <= n; len += 7) { // every alignment of the newline in an 8-byte word
      log.write("2026-11-26T01:32:21.069889811+00:00 stdout F ".getBytes(StandardCharsets.US_ASCII));
      log.write(payload, 0, len);
      log.write('\n');
      expected.write(payload, 0, len);
      expected.write('\n');
    }
    Files.write(dir.resolve("ctr.log"), log.toByteArray());

    read(LogOptions.all(false));

    assertThat(streams[1].toByteArray()).isEqualTo(expected.toByteArray());
  }

  @Test
  void newlineIsFoundAtEveryPosition() {
    for (int length = 0; length < 40; length++) {
      for (int at = 0; at < length; at++) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) 0x8A); // 0x0A with the high bit: no newline
        bytes[at] = '\n';
        assertThat(ContainerLog.newline(bytes, 0, length)).isEqualTo(at);
        assertThat(ContainerLog.newline(bytes, at + 1, length)).isEqualTo(-1);
      }
    }
  }

  @Test
  void longOutputGoesOutInBoundedWritesWithEveryByte() throws IOException {
    StringBuilder log = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      String line = "line " + i + " 0123456789abcdef0123456789abcdef";
      log.append("2026-11-26T01:32:21.069889811+00:00 stdout F ").append(line).append('\n');
      expected.append(line).append('\n');
    }
    Files.writeString(dir.resolve("ctr.log"), log);

    read(LogOptions.all(false));

    assertThat(out()).isEqualTo(expected.toString());
    assertThat(writes).hasSizeBetween(2, 100).allSatisfy(w -> assertThat(w.length()).isLessThanOrEqualTo(2 + 64 * 1024));
  }
}
