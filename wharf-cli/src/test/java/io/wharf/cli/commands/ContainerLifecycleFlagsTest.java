package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.client.JsonValues;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerLifecycleFlagsTest {
  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon().answer(201, "{\"Id\":\"c0ffee\",\"Warnings\":[]}");
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  @Test
  void withoutLifecycleFlagsDockerSendsRestartNoAndTheDefaultLogDriver() {
    FakeDaemon.Result result = daemon.wharf("", "create", "busybox");

    assertThat(result.code()).isZero();
    Map<String, Object> hostConfig = hostConfig(body());
    assertThat(JsonValues.write(hostConfig.get("RestartPolicy"))).isEqualTo("{\"Name\":\"no\",\"MaximumRetryCount\":0}");
    assertThat(JsonValues.write(hostConfig.get("LogConfig"))).isEqualTo("{\"Type\":\"\",\"Config\":{}}");
    assertThat(hostConfig).doesNotContainKeys("Memory", "NanoCpus", "Ulimits", "OomKillDisable", "PidsLimit");
    assertThat(body()).doesNotContainKey("Healthcheck");
  }

  @Test
  void resourceFlagsBecomeHostConfigLimits() {
    FakeDaemon.Result result = daemon.wharf("", "create", "-m", "32m", "--memory-swap", "-1", "--memory-reservation",
        "16M", "--oom-kill-disable", "--cpus", "1.5", "-c", "512", "--cpu-period", "100000", "--cpu-quota", "50000",
        "--cpuset-cpus", "0-1", "--pids-limit", "100", "--blkio-weight", "300", "busybox");

    assertThat(result.code()).isZero();
    Map<String, Object> hostConfig = hostConfig(body());
    assertThat(hostConfig).containsEntry("Memory", 32L << 20).containsEntry("MemorySwap", -1L)
        .containsEntry("MemoryReservation", 16L << 20).containsEntry("OomKillDisable", true)
        .containsEntry("NanoCpus", 1_500_000_000L).containsEntry("CpuShares", 512L).containsEntry("CpuPeriod", 100_000L)
        .containsEntry("CpuQuota", 50_000L).containsEntry("CpusetCpus", "0-1").containsEntry("PidsLimit", 100L)
        .containsEntry("BlkioWeight", 300L);
  }

  @Test
  void memoryTakesPlainBytesAndBinaryUnits() {
    daemon.wharf("", "run", "-d", "--memory=1g", "--memory-swap", "512k", "--memory-reservation", "1048576",
        "busybox");

    assertThat(hostConfig(body())).containsEntry("Memory", 1L << 30).containsEntry("MemorySwap", 512L << 10)
        .containsEntry("MemoryReservation", 1_048_576L);
  }

  @Test
  void ulimitsAreSortedByNameAndTheLastOfANameWins() {
    daemon.wharf("", "create", "--ulimit", "nproc=64", "--ulimit", "nofile=1024:2048", "--ulimit", "core=0:-1",
        "--ulimit", "nproc=128:256", "busybox");

    assertThat(JsonValues.write(hostConfig(body()).get("Ulimits"))).isEqualTo("["
        + "{\"Name\":\"core\",\"Hard\":-1,\"Soft\":0},"
        + "{\"Name\":\"nofile\",\"Hard\":2048,\"Soft\":1024},"
        + "{\"Name\":\"nproc\",\"Hard\":256,\"Soft\":128}]");
  }

  @Test
  void restartPoliciesAreSentAsGiven() {
    daemon.wharf("", "create", "--restart", "on-failure:3", "busybox");

    assertThat(JsonValues.write(hostConfig(body()).get("RestartPolicy")))
        .isEqualTo("{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}");
  }

  @Test
  void removeWithARestartPolicyIsRefusedBeforeAnyRequest() {
    FakeDaemon.Result result = daemon.wharf("", "run", "--rm", "--restart", "always", "busybox");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err())
        .isEqualTo("wharf: conflicting options: cannot specify both --restart and --rm.\nSee 'wharf run --help'.\n");
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void removeWithRestartNoIsFine() {
    FakeDaemon.Result result = daemon.wharf("", "create", "--rm", "--restart", "no", "busybox");

    assertThat(result.code()).isZero();
    assertThat(hostConfig(body())).containsEntry("AutoRemove", true);
  }

  @Test
  void aRetryCountMustBeAnInteger() {
    FakeDaemon.Result result = daemon.wharf("", "create", "--restart", "on-failure:many", "busybox");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err()).startsWith(
        "wharf: invalid restart policy format: maximum retry count must be an integer.\nSee 'wharf create --help'.");
  }

  @Test
  void healthFlagsBecomeTheHealthcheckInNanoseconds() {
    daemon.wharf("", "create", "--health-cmd", "wget -q -O- localhost || exit 1", "--health-interval", "30s",
        "--health-timeout", "5s", "--health-start-period", "1m30s", "--health-start-interval", "500ms",
        "--health-retries", "3", "busybox");

    assertThat(JsonValues.write(body().get("Healthcheck"))).isEqualTo("{"
        + "\"Test\":[\"CMD-SHELL\",\"wget -q -O- localhost || exit 1\"],\"Interval\":30000000000,"
        + "\"Timeout\":5000000000,\"StartPeriod\":90000000000,\"StartInterval\":500000000,\"Retries\":3}");
  }

  @Test
  void anIntervalAloneKeepsTheImagesTestCommand() {
    daemon.wharf("", "create", "--health-interval", "10s", "busybox");

    assertThat(JsonValues.write(body().get("Healthcheck"))).isEqualTo("{\"Interval\":10000000000}");
  }

  @Test
  void noHealthcheckSendsNone() {
    daemon.wharf("", "create", "--no-healthcheck", "busybox");

    assertThat(JsonValues.write(body().get("Healthcheck"))).isEqualTo("{\"Test\":[\"NONE\"]}");
  }

  @Test
  void noHealthcheckConflictsWithHealthFlags() {
    FakeDaemon.Result result = daemon.wharf("", "run", "--no-healthcheck", "--health-cmd", "true", "busybox");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err()).startsWith("wharf: --no-healthcheck conflicts with --health-* options.\n");
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void negativeHealthDurationsAreRefused() {
    FakeDaemon.Result result = daemon.wharf("", "create", "--health-interval", "-1s", "busybox");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err()).startsWith("wharf: --health-interval cannot be negative.\n");
  }

  @Test
  void aDurationWithoutUnitIsAFlagError() {
    FakeDaemon.Result result = daemon.wharf("", "create", "--health-timeout", "5", "busybox");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err()).isEqualTo("invalid argument \"5\" for \"--health-timeout\" flag: "
        + "time: missing unit in duration \"5\"\nSee 'wharf create --help'.\n");
  }

  @Test
  void logDriverAndOptionsBecomeTheLogConfig() {
    daemon.wharf("", "create", "--log-driver", "json-file", "--log-opt", "max-size=10m", "--log-opt", "max-file=3",
        "--log-opt", "max-size=20m", "busybox");

    assertThat(JsonValues.write(hostConfig(body()).get("LogConfig")))
        .isEqualTo("{\"Type\":\"json-file\",\"Config\":{\"max-file\":\"3\",\"max-size\":\"20m\"}}");
  }

  @Test
  void theNoneLogDriverTakesNoOptions() {
    FakeDaemon.Result result = daemon.wharf("", "create", "--log-driver", "none", "--log-opt", "max-size=1m", "busybox");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err()).startsWith("wharf: invalid logging opts for driver none.\n");
  }

  @Test
  void badLimitsAreFlagErrorsInPflagsWords() {
    assertThat(daemon.wharf("", "create", "-m", "lots", "busybox").err())
        .startsWith("invalid argument \"lots\" for \"-m, --memory\" flag: invalid size: 'lots'\n");
    assertThat(daemon.wharf("", "create", "--cpus", "two", "busybox").err())
        .startsWith("invalid argument \"two\" for \"--cpus\" flag: failed to parse two as a rational number\n");
    assertThat(daemon.wharf("", "create", "--cpus", "0.0000000001", "busybox").err())
        .startsWith("invalid argument \"0.0000000001\" for \"--cpus\" flag: value is too precise\n");
    assertThat(daemon.wharf("", "create", "--ulimit", "nofile=10:5", "busybox").err()).startsWith(
        "invalid argument \"nofile=10:5\" for \"--ulimit\" flag: ulimit soft limit must be less than or equal to hard limit: 10 > 5\n");
    assertThat(daemon.wharf("", "create", "--blkio-weight", "-1", "busybox").err()).startsWith(
        "invalid argument \"-1\" for \"--blkio-weight\" flag: strconv.ParseUint: parsing \"-1\": invalid syntax\n");
    FakeDaemon.Result pids = daemon.wharf("", "create", "--pids-limit", "x", "busybox");
    assertThat(pids.code()).isEqualTo(125);
    assertThat(pids.err()).startsWith(
        "invalid argument \"x\" for \"--pids-limit\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\n");
    assertThat(daemon.requests()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> body() {
    FakeDaemon.Request create = daemon.requests().stream().filter(r -> r.uri().contains("/containers/create"))
        .findFirst().orElseThrow();
    return (Map<String, Object>) JsonValues.read(create.text());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> hostConfig(Map<String, Object> body) {
    return (Map<String, Object>) body.get("HostConfig");
  }
}
