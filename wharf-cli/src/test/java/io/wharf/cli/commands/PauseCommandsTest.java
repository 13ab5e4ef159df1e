package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PauseCommandsTest {
  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon().answer(204, "");
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  @Test
  void pausePostsForEachContainerAndPrintsItsName() {
    FakeDaemon.Result result = daemon.wharf("", "pause", "web", "db");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("web\ndb\n");
    assertThat(daemon.requests().stream().filter(r -> !r.uri().endsWith("/_ping")))
        .extracting(r -> r.method() + " " + r.uri().replaceFirst("^/v1\\.\\d+", ""))
        .containsExactly("POST /containers/web/pause", "POST /containers/db/pause");
  }

  @Test
  void unpauseIsAContainerCommandToo() {
    FakeDaemon.Result result = daemon.wharf("", "container", "unpause", "web");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("web\n");
    assertThat(daemon.request().uri()).endsWith("/containers/web/unpause");
  }

  @Test
  void everyContainerIsTriedBeforeTheErrors() {
    daemon.answer("/containers/nosuch/pause", 404, "{\"message\":\"No such container: nosuch\"}")
        .answer("/containers/done/pause", 409, "{\"message\":\"Container done is not running\"}");

    FakeDaemon.Result result = daemon.wharf("", "pause", "nosuch", "web", "done");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEqualTo("web\n");
    assertThat(result.err()).isEqualTo("Error response from daemon: No such container: nosuch\n"
        + "Error response from daemon: Container done is not running\n");
  }

  @Test
  void aContainerIsRequired() {
    FakeDaemon.Result result = daemon.wharf("", "unpause");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("\"wharf unpause\" requires at least 1 argument.\nSee 'wharf unpause --help'.\n\n"
        + "Usage:  wharf unpause CONTAINER [CONTAINER...]\n\nUnpause all processes within one or more containers\n");
  }

  @Test
  void psShowsTheHealthInTheStatusWhole() {
    daemon.answer(200, """
        [{"Id":"0123456789abcdef","Names":["/web"],"Image":"nginx","Command":"nginx","Created":0,"State":"running",
          "Status":"Up 5 seconds (health: starting)","Ports":[]}]
        """);

    FakeDaemon.Result result = daemon.wharf("", "ps", "--format", "table {{.Names}}\\t{{.Status}}");

    assertThat(result.out()).isEqualTo("NAMES     STATUS\nweb       Up 5 seconds (health: starting)\n");
  }
}
