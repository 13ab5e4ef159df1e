package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopCommandTest {
  private static final String TOP = """
      {"Titles":["UID","PID","PPID","C","STIME","TTY","TIME","CMD"],
       "Processes":[["root","4242","4230","0","10:00","?","00:00:00","sleep 100"],
                    ["nobody","4250","4242","0","10:01","pts/0","00:00:00","/bin/sh -c while true; do sleep 1; done"]]}
      """;

  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon().answer(200, TOP);
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  @Test
  void printsTheProcessesInDockersColumns() {
    FakeDaemon.Result result = daemon.wharf("", "top", "web");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("""
        UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD
        root                4242                4230                0                   10:00               ?                   00:00:00            sleep 100
        nobody              4250                4242                0                   10:01               pts/0               00:00:00            /bin/sh -c while true; do sleep 1; done
        """);
    assertThat(daemon.request().uri()).isEqualTo("/v1.44/containers/web/top");
  }

  @Test
  void theOptionsAfterTheContainerGoToPs() {
    daemon.answer(200, "{\"Titles\":[\"PID\",\"COMMAND\"],\"Processes\":[[\"4242\",\"sleep\"]]}");

    FakeDaemon.Result result = daemon.wharf("", "container", "top", "web", "-o", "pid,comm");

    assertThat(result.out()).isEqualTo("PID                 COMMAND\n4242                sleep\n");
    assertThat(URLDecoder.decode(daemon.request().uri(), StandardCharsets.UTF_8))
        .isEqualTo("/v1.44/containers/web/top?ps_args=-o pid,comm");
  }

  @Test
  void noProcessesIsTheHeaderAlone() {
    daemon.answer(200, "{\"Titles\":[\"UID\",\"PID\",\"CMD\"],\"Processes\":null}");

    assertThat(daemon.wharf("", "top", "web").out()).isEqualTo("UID                 PID                 CMD\n");
  }

  @Test
  void aStoppedContainerIsTheDaemonsConflict() {
    daemon.answer(409, "{\"message\":\"Container 4b825dc642cb is not running\"}");

    FakeDaemon.Result result = daemon.wharf("", "top", "web");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("Error response from daemon: Container 4b825dc642cb is not running\n");
  }

  @Test
  void aContainerIsRequired() {
    FakeDaemon.Result result = daemon.wharf("", "top");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("\"wharf top\" requires at least 1 argument.\nSee 'wharf top --help'.");
  }
}
