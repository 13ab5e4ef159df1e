package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkCommandsTest {
  private static final String LIST = """
      [{"Name":"net10","Id":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","Created":"2026-11-25T23:28:02.5Z",
        "Scope":"local","Driver":"bridge","EnableIPv6":false,"Internal":true,"Labels":{"b":"2","a":"1"}},
       {"Name":"bridge","Id":"60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752","Created":"2026-11-25T20:00:00Z",
        "Scope":"local","Driver":"bridge","EnableIPv6":false,"Internal":false,"Labels":{}},
       {"Name":"net2","Id":"fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13","Created":"2026-11-25T21:00:00Z",
        "Scope":"local","Driver":"bridge","EnableIPv6":true,"Internal":false,"Labels":null}]
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
  void createSendsDockersBodyAndPrintsTheId() {
    daemon.answer(201, "{\"Id\":\"5e2bd3f1\",\"Warning\":\"\"}");

    FakeDaemon.Result result = daemon.wharf("", "network", "create", "-d", "bridge", "--subnet", "10.1.0.0/16,10.2.0.0/16",
        "--ip-range", "10.2.1.0/24", "--gateway", "10.1.0.254", "--internal", "--attachable", "--label", "team=a",
        "--label", "tier", "-o", "com.docker.network.bridge.name=br-x", "--ipv6", "backend");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("5e2bd3f1\n");
    FakeDaemon.Request request = daemon.request();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri()).isEqualTo("/v1.44/networks/create");
    assertThat(request.text()).isEqualTo("{\"Name\":\"backend\",\"Driver\":\"bridge\",\"Internal\":true,\"Attachable\":true,"
        + "\"EnableIPv6\":true,\"IPAM\":{\"Driver\":\"default\",\"Config\":["
        + "{\"Subnet\":\"10.1.0.0/16\",\"Gateway\":\"10.1.0.254\"},{\"Subnet\":\"10.2.0.0/16\",\"IPRange\":\"10.2.1.0/24\"}],"
        + "\"Options\":{}},\"Options\":{\"com.docker.network.bridge.name\":\"br-x\"},\"Labels\":{\"team\":\"a\",\"tier\":\"\"}}");
  }

  @Test
  void createWithoutFlagsLeavesIpv6Out() {
    daemon.answer(201, "{\"Id\":\"5e2bd3f1\",\"Warning\":\"\"}");

    daemon.wharf("", "network", "create", "plain");

    assertThat(daemon.request().text()).isEqualTo("{\"Name\":\"plain\",\"Driver\":\"bridge\",\"Internal\":false,"
        + "\"Attachable\":false,\"IPAM\":{\"Driver\":\"default\",\"Config\":[],\"Options\":{}},\"Options\":{},\"Labels\":{}}");
  }

  @Test
  void createRefusesARangeNoSubnetHolds() {
    FakeDaemon.Result result = daemon.wharf("", "network", "create", "--subnet", "10.1.0.0/16", "--ip-range",
        "10.9.0.0/24", "x");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("no matching subnet for range 10.9.0.0/24\n");
    assertThat(daemon.requests()).isEmpty();

    assertThat(daemon.wharf("", "network", "create", "--gateway", "10.1.0.1", "x").err())
        .isEqualTo("every ip-range or gateway must have a corresponding subnet\n");
    assertThat(daemon.wharf("", "network", "create", "--subnet", "10.1.0.0/16", "--subnet", "10.1.2.0/24", "x").err())
        .isEqualTo("multiple overlapping subnet configuration is not supported\n");
  }

  @Test
  void lsPrintsDockersTableSortedByName() {
    daemon.answer(200, LIST);

    FakeDaemon.Result result = daemon.wharf("", "network", "ls");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("""
        NETWORK ID     NAME      DRIVER    SCOPE
        60303ae22b99   bridge    bridge    local
        fd61a03af4f7   net2      bridge    local
        9f86d081884c   net10     bridge    local
        """);
    assertThat(daemon.request().uri()).isEqualTo("/v1.44/networks");
  }

  @Test
  void lsQuietPrintsIdsAndPassesFilters() {
    daemon.answer(200, LIST);

    FakeDaemon.Result result = daemon.wharf("", "network", "ls", "-q", "--no-trunc", "-f", "driver=bridge");

    assertThat(result.out()).isEqualTo("60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752\n"
        + "fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13\n"
        + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n");
    assertThat(URLDecoder.decode(daemon.request().uri(), StandardCharsets.UTF_8))
        .isEqualTo("/v1.44/networks?filters={\"driver\":{\"bridge\":true}}");
  }

  @Test
  void lsTakesATemplate() {
    daemon.answer(200, LIST);

    assertThat(daemon.wharf("", "network", "ls", "--format", "{{.Name}} {{.IPv6}} {{.Internal}} {{.Labels}}").out())
        .isEqualTo("bridge false false \nnet2 true false \nnet10 false true a=1,b=2\n");
    assertThat(daemon.wharf("", "network", "ls", "--format", "table {{.Name}}\\t{{.CreatedAt}}").out()).isEqualTo("""
        NAME      CREATED AT
        bridge    2026-11-25 20:00:00 +0000 UTC
        net2      2026-11-25 21:00:00 +0000 UTC
        net10     2026-11-25 23:28:02.5 +0000 UTC
        """);
    assertThat(daemon.wharf("", "network", "ls", "-q", "--format", "{{.Name}}").out()).isEqualTo("bridge\nnet2\nnet10\n");
  }

  @Test
  void rmPrintsEachNameAndReportsFailures() {
    daemon.answer("/networks/a", 204, "").answer("/networks/busy", 403,
        "{\"message\":\"error while removing network: network busy has active endpoints\"}");

    FakeDaemon.Result result = daemon.wharf("", "network", "rm", "a", "busy");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEqualTo("a\n");
    assertThat(result.err())
        .isEqualTo("Error response from daemon: error while removing network: network busy has active endpoints\n");
  }

  @Test
  void rmForcedSkipsMissingNetworks() {
    daemon.answer(404, "{\"message\":\"network nope not found\"}");

    FakeDaemon.Result result = daemon.wharf("", "network", "remove", "-f", "nope");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEmpty();
    assertThat(daemon.request().method()).isEqualTo("DELETE");
  }

  @Test
  void pruneAsksThenListsTheDeletedNetworks() {
    daemon.answer(200, "{\"NetworksDeleted\":[\"n1\",\"n2\"]}");

    FakeDaemon.Result result = daemon.wharf("y\n", "network", "prune");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("WARNING! This will remove all custom networks not used by at least one container.\n"
        + "Are you sure you want to continue? [y/N] Deleted Networks:\nn1\nn2\n\n");
    assertThat(daemon.request().uri()).isEqualTo("/v1.44/networks/prune");
  }

  @Test
  void pruneCancelledSendsNothing() {
    FakeDaemon.Result result = daemon.wharf("n\n", "network", "prune", "--filter", "label=x");

    assertThat(result.code()).isZero();
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void forcedPruneWithNothingToDeletePrintsNothing() {
    daemon.answer(200, "{\"NetworksDeleted\":null}");

    FakeDaemon.Result result = daemon.wharf("", "network", "prune", "-f", "--filter", "until=24h");

    assertThat(result.out()).isEmpty();
    assertThat(URLDecoder.decode(daemon.request().uri(), StandardCharsets.UTF_8))
        .isEqualTo("/v1.44/networks/prune?filters={\"until\":{\"24h\":true}}");
  }

  @Test
  void connectSendsTheEndpoint() {
    daemon.answer(200, "");

    FakeDaemon.Result result = daemon.wharf("", "network", "connect", "--alias", "db,primary", "--ip", "10.1.0.9",
        "backend", "web");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(daemon.request().uri()).isEqualTo("/v1.44/networks/backend/connect");
    assertThat(daemon.request().text()).isEqualTo(
        "{\"Container\":\"web\",\"EndpointConfig\":{\"Aliases\":[\"db\",\"primary\"],\"IPAMConfig\":{\"IPv4Address\":\"10.1.0.9\"}}}");
  }

  @Test
  void disconnectSendsForce() {
    daemon.answer(200, "");

    daemon.wharf("", "network", "disconnect", "-f", "backend", "web");

    assertThat(daemon.request().uri()).isEqualTo("/v1.44/networks/backend/disconnect");
    assertThat(daemon.request().text()).isEqualTo("{\"Container\":\"web\",\"Force\":true}");
  }

  @Test
  void connectNeedsTwoArguments() {
    FakeDaemon.Result result = daemon.wharf("", "network", "connect", "backend");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("\"wharf network connect\" requires exactly 2 arguments.");
  }

  @Test
  void inspectPrintsAnArrayAndReportsMissingNetworks() {
    daemon.answer("/networks/backend", 200, "{\"Name\":\"backend\",\"Driver\":\"bridge\"}")
        .answer("/networks/nope", 404, "{\"message\":\"network nope not found\"}");

    FakeDaemon.Result result = daemon.wharf("", "network", "inspect", "backend", "nope");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEqualTo("[\n    {\n        \"Name\": \"backend\",\n        \"Driver\": \"bridge\"\n    }\n]\n");
    assertThat(result.err()).isEqualTo("Error response from daemon: network nope not found\n");
    assertThat(daemon.wharf("", "network", "inspect", "-f", "{{.Driver}}", "backend").out()).isEqualTo("bridge\n");
  }

  @Test
  void genericInspectFallsBackToNetworks() {
    daemon.answer(404, "{\"message\":\"No such object\"}")
        .answer("/networks/backend", 200, "{\"Name\":\"backend\",\"Scope\":\"local\"}");

    FakeDaemon.Result result = daemon.wharf("", "inspect", "-f", "{{.Scope}}", "backend");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("local\n");
  }

  @Test
  void theNetworkGroupHasDockersHelp() {
    String help = daemon.wharf("", "network", "--help").out();

    assertThat(help).contains("Manage networks").contains("  disconnect  Disconnect a container from a network\n")
        .contains("  ls          List networks\n");
    assertThat(help.lines().filter(l -> l.startsWith("  ")).count()).isEqualTo(9);
  }
}
