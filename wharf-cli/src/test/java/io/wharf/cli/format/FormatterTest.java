package io.wharf.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FormatterTest {
  private static final String TABLE = "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}";
  private static final Map<String, String> HEADERS = Map.of("Repository", "REPOSITORY", "Tag", "TAG", "ID", "IMAGE ID");
  private static final List<Map<String, Object>> ROWS = List.of(
      new TreeMap<>(Map.of("Repository", "busybox", "Tag", "latest", "ID", "1ca54837d930")),
      new TreeMap<>(Map.of("Repository", "example.com/team/tool", "Tag", "1.0", "ID", "1ca54837d930")));

  private static String render(String format) {
    StringBuilder out = new StringBuilder();
    Formatter.of(format, TABLE).render(ROWS, HEADERS, out);
    return out.toString();
  }

  @Test
  void defaultTableIsAlignedAsDockersTabwriter() {
    assertThat(render(null)).isEqualTo("""
        REPOSITORY              TAG       IMAGE ID
        busybox                 latest    1ca54837d930
        example.com/team/tool   1.0       1ca54837d930
        """);
  }

  @Test
  void rawTemplateAndJson() {
    assertThat(render("{{.Repository}}:{{.Tag}}")).isEqualTo("busybox:latest\nexample.com/team/tool:1.0\n");
    assertThat(render("json").lines().findFirst().orElseThrow())
        .isEqualTo("{\"ID\":\"1ca54837d930\",\"Repository\":\"busybox\",\"Tag\":\"latest\"}");
    assertThat(render("table {{.Tag}}")).isEqualTo("TAG\nlatest\n1.0\n");
  }

  @Test
  void tabwriterAlignsBlocksOfColumns() {
    String out = TabWriter.docker().write("a\tbb\tc\nlonger text\tx\ty\nz\n").flush();
    assertThat(out).isEqualTo("a             bb        c\nlonger text   x         y\nz\n");
  }

  @Test
  void unitsAsGoUnits() {
    assertThat(Units.humanSize(0)).isEqualTo("0B");
    assertThat(Units.humanSize(999)).isEqualTo("999B");
    assertThat(Units.humanSize(1000)).isEqualTo("1kB");
    assertThat(Units.humanSize(1982365)).isEqualTo("1.98MB");
    assertThat(Units.humanSize(1_210_000_000)).isEqualTo("1.21GB");
    assertThat(Units.bytesSize(24_000_000_000.0)).isEqualTo("22.35GiB");
    assertThat(Units.humanDuration(Duration.ofMillis(300))).isEqualTo("Less than a second");
    assertThat(Units.humanDuration(Duration.ofSeconds(59))).isEqualTo("59 seconds");
    assertThat(Units.humanDuration(Duration.ofSeconds(90))).isEqualTo("About a minute");
    assertThat(Units.humanDuration(Duration.ofMinutes(150))).isEqualTo("3 hours");
    assertThat(Units.humanDuration(Duration.ofDays(20))).isEqualTo("2 weeks");
  }
}
