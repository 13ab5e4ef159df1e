package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpdateCommandTest {
  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon().answer(200, "{\"Warnings\":[]}");
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  @Test
  void updateSendsOnlyTheChangedFieldsAndPrintsEachName() {
    FakeDaemon.Result result = daemon.wharf("", "update", "-m", "256m", "--memory-swap", "-1", "--cpus", "0.5",
        "--restart", "on-failure:2", "web", "db");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("web\ndb\n");
    List<FakeDaemon.Request> updates = updates();
    assertThat(updates).extracting(FakeDaemon.Request::method).containsExactly("POST", "POST");
    assertThat(updates.get(0).uri()).endsWith("/containers/web/update");
    assertThat(updates.get(1).uri()).endsWith("/containers/db/update");
    assertThat(updates.get(0).contentType()).isEqualTo("application/json");
    assertThat(updates.get(0).text()).isEqualTo("{\"Memory\":268435456,\"NanoCpus\":500000000,\"MemorySwap\":-1,"
        + "\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":2}}");
  }

  @Test
  void everyResourceFlagHasItsField() {
    daemon.wharf("", "container", "update", "--memory-reservation", "64m", "-c", "512", "--cpu-period", "100000",
        "--cpu-quota", "20000", "--cpuset-cpus", "0", "--pids-limit", "50", "--blkio-weight", "200", "web");

    assertThat(updates().getFirst().text()).isEqualTo("{\"CpuShares\":512,\"BlkioWeight\":200,\"CpuPeriod\":100000,"
        + "\"CpuQuota\":20000,\"CpusetCpus\":\"0\",\"MemoryReservation\":67108864,\"PidsLimit\":50}");
  }

  @Test
  void aZeroPidsLimitIsLeftOutAsDockerLeavesItOut() {
    FakeDaemon.Result result = daemon.wharf("", "update", "--pids-limit", "0", "web");

    assertThat(result.code()).isZero();
    assertThat(updates().getFirst().text()).isEqualTo("{}");
  }

  @Test
  void withoutFlagsNothingIsSent() {
    FakeDaemon.Result result = daemon.wharf("", "update", "web");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("you must provide one or more flags when using this command\n");
    assertThat(updates()).isEmpty();
  }

  @Test
  void aContainerIsRequired() {
    FakeDaemon.Result result = daemon.wharf("", "update", "-m", "1g");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("\"wharf update\" requires at least 1 argument.");
  }

  @Test
  void aBadRestartPolicyIsRefusedBeforeAnyRequest() {
    FakeDaemon.Result result = daemon.wharf("", "update", "--restart", "on-failure:x", "web");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("invalid restart policy format: maximum retry count must be an integer\n");
    assertThat(updates()).isEmpty();
  }

  @Test
  void aBadSizeIsAFlagError() {
    FakeDaemon.Result result = daemon.wharf("", "update", "--memory", "1q", "web");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err()).isEqualTo(
        "invalid argument \"1q\" for \"-m, --memory\" flag: invalid suffix: 'q'\nSee 'wharf update --help'.\n");
  }

  @Test
  void eachContainerIsTriedAndTheErrorsComeLast() {
    daemon.answer("/containers/nosuch/update", 404, "{\"message\":\"No such container: nosuch\"}")
        .answer("/containers/db/update", 200, "{\"Warnings\":[\"Your kernel does not support swap limit capabilities.\"]}");

    FakeDaemon.Result result = daemon.wharf("", "update", "--cpus", "2", "nosuch", "web", "db");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEqualTo("web\ndb\nYour kernel does not support swap limit capabilities.\n");
    assertThat(result.err()).isEqualTo("Error response from daemon: No such container: nosuch\n");
    assertThat(updates()).hasSize(3);
  }

  private List<FakeDaemon.Request> updates() {
    return daemon.requests().stream().filter(r -> r.uri().contains("/update")).toList();
  }
}
