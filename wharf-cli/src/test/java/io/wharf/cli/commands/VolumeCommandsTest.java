package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VolumeCommandsTest {
  private static final String LIST = """
      {"Volumes":[
        {"Name":"web10","Driver":"local","Scope":"local","Mountpoint":"/var/lib/wharf/volumes/web10/_data",
         "Labels":{"b":"2","a":"1"},"CreatedAt":"2026-11-25T23:28:02Z","Options":null},
        {"Name":"3f2a1c","Driver":"local","Scope":"local","Mountpoint":"/m","Labels":null},
        {"Name":"web2","Driver":"local","Scope":"local","Mountpoint":"/m2","Labels":{},
         "UsageData":{"Size":2048,"RefCount":1}}],
       "Warnings":null}
      """;

  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon();
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  @Test
  void createSendsDockersBodyAndPrintsTheName() {
    daemon.answer(201, "{\"Name\":\"data\",\"Driver\":\"local\",\"Mountpoint\":\"/m\",\"Scope\":\"local\"}");

    FakeDaemon.Result result = daemon.wharf("", "volume", "create", "--label", "team=a", "--label", "tier",
        "-o", "type=tmpfs", "--opt", "device=tmpfs", "-d", "local", "data");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("data\n");
    FakeDaemon.Request request = daemon.request();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri()).isEqualTo("/v1.44/volumes/create");
    assertThat(request.text()).isEqualTo("{\"Driver\":\"local\",\"DriverOpts\":{\"device\":\"tmpfs\",\"type\":\"tmpfs\"},"
        + "\"Labels\":{\"team\":\"a\",\"tier\":\"\"},\"Name\":\"data\"}");
  }

  @Test
  void createWithoutANameLetsTheDaemonNameIt() {
    daemon.answer(201, "{\"Name\":\"8d3b0e4c\",\"Driver\":\"local\"}");

    FakeDaemon.Result result = daemon.wharf("", "volume", "create");

    assertThat(result.out()).isEqualTo("8d3b0e4c\n");
    assertThat(daemon.request().text()).isEqualTo("{\"Driver\":\"local\"}");
  }

  @Test
  void createRefusesTwoNames() {
    FakeDaemon.Result result = daemon.wharf("", "volume", "create", "--name", "a", "b");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("conflicting options: cannot specify a volume-name through both --name and as a positional arg\n");
    assertThat(daemon.wharf("", "volume", "create", "a", "b").err())
        .startsWith("\"wharf volume create\" requires at most 1 argument.");
  }

  @Test
  void lsPrintsDockersTableInNaturalOrder() {
    daemon.answer(200, LIST);

    FakeDaemon.Result result = daemon.wharf("", "volume", "ls");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("""
        DRIVER    VOLUME NAME
        local     3f2a1c
        local     web2
        local     web10
        """);
    assertThat(daemon.request().uri()).isEqualTo("/v1.44/volumes");
  }

  @Test
  void lsQuietPrintsNamesAndPassesFilters() {
    daemon.answer(200, LIST);

    FakeDaemon.Result result = daemon.wharf("", "volume", "list", "-q", "-f", "dangling=true", "--filter", "label=a");

    assertThat(result.out()).isEqualTo("3f2a1c\nweb2\nweb10\n");
    assertThat(URLDecoder.decode(daemon.request().uri(), StandardCharsets.UTF_8))
        .isEqualTo("/v1.44/volumes?filters={\"dangling\":{\"true\":true},\"label\":{\"a\":true}}");
  }

  @Test
  void lsTakesTemplatesAndJson() {
    daemon.answer(200, LIST);

    assertThat(daemon.wharf("", "volume", "ls", "--format", "{{.Name}} {{.Labels}} {{.Links}} {{.Size}}").out())
        .isEqualTo("3f2a1c  N/A N/A\nweb2  1 2.048kB\nweb10 a=1,b=2 N/A N/A\n");
    assertThat(daemon.wharf("", "volume", "ls", "--format", "table {{.Name}}\\t{{.Mountpoint}}").out()).isEqualTo("""
        VOLUME NAME   MOUNTPOINT
        3f2a1c        /m
        web2          /m2
        web10         /var/lib/wharf/volumes/web10/_data
        """);
    assertThat(daemon.wharf("", "volume", "ls", "--format", "json").out().lines().findFirst().orElseThrow())
        .isEqualTo("{\"Availability\":\"N/A\",\"Driver\":\"local\",\"Group\":\"N/A\",\"Labels\":\"\",\"Links\":\"N/A\","
            + "\"Mountpoint\":\"/m\",\"Name\":\"3f2a1c\",\"Scope\":\"local\",\"Size\":\"N/A\",\"Status\":\"N/A\"}");
  }

  @Test
  void inspectPrintsAnArrayAndReportsMissingVolumes() {
    daemon.answer("/volumes/data", 200, "{\"Name\":\"data\",\"Driver\":\"local\"}")
        .answer("/volumes/nope", 404, "{\"message\":\"get nope: no such volume\"}");

    FakeDaemon.Result result = daemon.wharf("", "volume", "inspect", "data", "nope");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEqualTo("[\n    {\n        \"Name\": \"data\",\n        \"Driver\": \"local\"\n    }\n]\n");
    assertThat(result.err()).isEqualTo("Error response from daemon: get nope: no such volume\n");
    assertThat(daemon.wharf("", "volume", "inspect", "-f", "{{.Driver}}", "data").out()).isEqualTo("local\n");
  }

  @Test
  void rmPrintsEachRemovedNameAndTheErrorsAtTheEnd() {
    daemon.answer("/volumes/a", 204, "").answer("/volumes/busy", 409,
        "{\"message\":\"remove busy: volume is in use - [5e2bd3f1]\"}").answer("/volumes/b", 204, "");

    FakeDaemon.Result result = daemon.wharf("", "volume", "rm", "a", "busy", "b");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEqualTo("a\nb\n");
    assertThat(result.err()).isEqualTo("Error response from daemon: remove busy: volume is in use - [5e2bd3f1]\n");
    assertThat(daemon.requests().stream().filter(r -> r.method().equals("DELETE")).map(FakeDaemon.Request::uri))
        .containsExactly("/v1.44/volumes/a", "/v1.44/volumes/busy", "/v1.44/volumes/b");
  }

  @Test
  void forcedRmSendsForceAndCountsAMissingVolumeAsRemoved() {
    daemon.answer(404, "{\"message\":\"get nope: no such volume\"}");

    FakeDaemon.Result result = daemon.wharf("", "volume", "remove", "-f", "nope");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("nope\n");
    assertThat(daemon.request().uri()).isEqualTo("/v1.44/volumes/nope?force=1");
  }

  @Test
  void pruneAsksThenListsTheDeletedVolumesAndTheSpace() {
    daemon.answer(200, "{\"VolumesDeleted\":[\"v1\",\"v2\"],\"SpaceReclaimed\":2048}");

    FakeDaemon.Result result = daemon.wharf("y\n", "volume", "prune");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("WARNING! This will remove anonymous local volumes not used by at least one container.\n"
        + "Are you sure you want to continue? [y/N] Deleted Volumes:\nv1\nv2\n\nTotal reclaimed space: 2.048kB\n");
    FakeDaemon.Request prune = daemon.request();
    assertThat(prune.method()).isEqualTo("POST");
    assertThat(prune.uri()).isEqualTo("/v1.44/volumes/prune");
  }

  @Test
  void pruneAllSendsTheAllFilterAsDockerDoes() {
    daemon.answer(200, "{\"VolumesDeleted\":null,\"SpaceReclaimed\":0}");

    FakeDaemon.Result result = daemon.wharf("Y\n", "volume", "prune", "-a", "--filter", "label=tmp");

    assertThat(result.out()).isEqualTo("WARNING! This will remove all local volumes not used by at least one container.\n"
        + "Are you sure you want to continue? [y/N] Total reclaimed space: 0B\n");
    assertThat(URLDecoder.decode(daemon.request().uri(), StandardCharsets.UTF_8))
        .isEqualTo("/v1.44/volumes/prune?filters={\"all\":{\"true\":true},\"label\":{\"tmp\":true}}");
  }

  @Test
  void pruneCancelledSendsNothing() {
    FakeDaemon.Result result = daemon.wharf("n\n", "volume", "prune");

    assertThat(result.code()).isZero();
    assertThat(daemon.requests().stream().filter(r -> !r.uri().endsWith("/_ping"))).isEmpty();
  }

  @Test
  void pruneAllConflictsWithAnAllFilter() {
    FakeDaemon.Result result = daemon.wharf("", "volume", "prune", "-a", "-f", "--filter", "all=1");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("conflicting options: cannot specify both --all and --filter all=1\n");
  }

  @Test
  void theVolumeGroupHasDockersHelp() {
    String help = daemon.wharf("", "volume", "--help").out();

    assertThat(help).contains("Manage volumes").contains("  prune       Remove unused local volumes\n")
        .contains("  ls          List volumes\n");
    assertThat(daemon.wharf("", "--help").out()).contains("  volume      Manage volumes\n");
  }
}
