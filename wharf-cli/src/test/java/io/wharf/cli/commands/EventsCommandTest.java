package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventsCommandTest {
  private static final String START = """
      {"status":"start","id":"0123abcd","from":"busybox","Type":"container","Action":"start",\
      "Actor":{"ID":"0123abcd","Attributes":{"name":"web","image":"busybox"}},"scope":"local",\
      "time":1795651141,"timeNano":1795651141123456789}""";
  private static final String CONNECT = """
      {"Type":"network","Action":"connect","Actor":{"ID":"9f9f","Attributes":{"container":"0123abcd",\
      "name":"bridge","type":"bridge"}},"scope":"local","time":1795651141,"timeNano":1795651141000000001}""";

  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon();
    daemon.answer(200, START + "\n" + CONNECT + "\n");
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  private String query() {
    return URLDecoder.decode(daemon.request().uri(), StandardCharsets.UTF_8);
  }

  @Test
  void printsEachEventAsDockerDoes() {
    FakeDaemon.Result result = daemon.wharf("", "events");

    assertThat(result.code()).isZero();
    String time = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX")
        .format(Instant.ofEpochSecond(1795651141, 123456789).atZone(ZoneId.systemDefault()));
    assertThat(result.out()).startsWith(time + " container start 0123abcd (image=busybox, name=web)\n")
        .endsWith(" network connect 9f9f (container=0123abcd, name=bridge, type=bridge)\n");
    assertThat(daemon.request().uri()).isEqualTo("/v1.44/events");
  }

  @Test
  void theTimeHasNineDigitsAndTheLocalOffset() {
    Map<String, Object> message = Map.of("Type", "volume", "Action", "create", "timeNano", 1795651141000000000L,
        "Actor", Map.of("ID", "data", "Attributes", Map.of()));

    assertThat(EventsCommand.line(message, ZoneOffset.UTC))
        .isEqualTo("2026-11-25T23:59:01.000000000Z volume create data\n");
    assertThat(EventsCommand.line(message, ZoneOffset.ofHours(1)))
        .isEqualTo("2026-11-26T00:59:01.000000000+01:00 volume create data\n");
  }

  @Test
  void sendsSinceUntilAndFiltersAsTheDockerCliDoes() {
    long before = Instant.now().getEpochSecond();
    FakeDaemon.Result result = daemon.wharf("", "system", "events", "--since", "10m", "--until",
        "2026-11-25T23:59:01Z", "-f", "type=container", "--filter", "event=start", "-f", "event=die");

    assertThat(result.code()).isZero();
    String query = query();
    String since = query.replaceAll(".*since=([0-9.]+).*", "$1");
    assertThat(Double.parseDouble(since)).isBetween(before - 601.0, before - 599.0 + 5);
    assertThat(query).contains("until=1795651141.000000000")
        .contains("filters={\"event\":{\"start\":true,\"die\":true},\"type\":{\"container\":true}}");
  }

  @Test
  void aTimeThatIsNeitherIsAnError() {
    FakeDaemon.Result result = daemon.wharf("", "events", "--since", "yesterday");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("failed to parse value as time or duration: \"yesterday\"\n");
  }

  @Test
  void jsonFormatPrintsTheMessageAsSent() {
    FakeDaemon.Result result = daemon.wharf("", "events", "--format", "{{json .}}");

    assertThat(result.out()).isEqualTo(START + "\n" + CONNECT + "\n");
    assertThat(daemon.wharf("", "events", "--format", "json").out()).isEqualTo(result.out());
  }

  @Test
  void templatesSeeTheFieldsOfDockersMessage() {
    FakeDaemon.Result result = daemon.wharf("", "events", "--format",
        "{{.Type}}|{{.Status}}|{{.ID}}|{{.From}}|{{.Actor.ID}}|{{.Actor.Attributes.name}}|{{.Scope}}|{{.TimeNano}}");

    assertThat(result.out()).isEqualTo("""
        container|start|0123abcd|busybox|0123abcd|web|local|1795651141123456789
        network||||9f9f|bridge|local|1795651141000000001
        """);
  }

  @Test
  void aBadTemplateIsExit64() {
    FakeDaemon.Result result = daemon.wharf("", "events", "--format", "{{.Type");

    assertThat(result.code()).isEqualTo(64);
    assertThat(result.err()).startsWith("Error parsing format: ");
  }
}
