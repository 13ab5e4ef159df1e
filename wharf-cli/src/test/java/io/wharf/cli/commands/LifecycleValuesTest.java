package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.cli.format.GoDuration;
import io.wharf.client.JsonValues;
import org.junit.jupiter.api.Test;

class LifecycleValuesTest {
  @Test
  void cpusAreRationalNumbersInBillionths() {
    assertThat(FlagValues.nanoCpus("1.5", "--cpus")).isEqualTo(1_500_000_000L);
    assertThat(FlagValues.nanoCpus("2", "--cpus")).isEqualTo(2_000_000_000L);
    assertThat(FlagValues.nanoCpus(".25", "--cpus")).isEqualTo(250_000_000L);
    assertThat(FlagValues.nanoCpus("3/2", "--cpus")).isEqualTo(1_500_000_000L);
    assertThat(FlagValues.nanoCpus("15e-1", "--cpus")).isEqualTo(1_500_000_000L);
    assertThat(FlagValues.nanoCpus("0.000000001", "--cpus")).isEqualTo(1L);
    assertThat(FlagValues.nanoCpus(null, "--cpus")).isZero();
  }

  @Test
  void cpusRefuseWhatBigRatRefuses() {
    assertThatThrownBy(() -> FlagValues.nanoCpus("1,5", "--cpus"))
        .hasMessage("invalid argument \"1,5\" for \"--cpus\" flag: failed to parse 1,5 as a rational number");
    assertThatThrownBy(() -> FlagValues.nanoCpus("1/0", "--cpus"))
        .hasMessage("invalid argument \"1/0\" for \"--cpus\" flag: failed to parse 1/0 as a rational number");
    assertThatThrownBy(() -> FlagValues.nanoCpus("1/3", "--cpus"))
        .hasMessage("invalid argument \"1/3\" for \"--cpus\" flag: value is too precise");
  }

  @Test
  void memorySwapTakesMinusOneAsUnlimited() {
    assertThat(FlagValues.memSwapBytes("-1", "--memory-swap")).isEqualTo(-1);
    assertThat(FlagValues.memSwapBytes("64m", "--memory-swap")).isEqualTo(64L << 20);
    assertThatThrownBy(() -> FlagValues.memSwapBytes("-2", "--memory-swap"))
        .hasMessage("invalid argument \"-2\" for \"--memory-swap\" flag: invalid size: '-2'");
  }

  @Test
  void integersReadAsGoReadsThemWithBaseZero() {
    assertThat(FlagValues.int64("1024", "-c, --cpu-shares")).isEqualTo(1024);
    assertThat(FlagValues.int64("0x10", "-c, --cpu-shares")).isEqualTo(16);
    assertThat(FlagValues.int64("010", "-c, --cpu-shares")).isEqualTo(8);
    assertThat(FlagValues.int64("1_000", "-c, --cpu-shares")).isEqualTo(1000);
    assertThat(FlagValues.int64("-1", "--pids-limit")).isEqualTo(-1);
    assertThatThrownBy(() -> FlagValues.int64("9223372036854775808", "--pids-limit")).hasMessage(
        "invalid argument \"9223372036854775808\" for \"--pids-limit\" flag: strconv.ParseInt: parsing "
            + "\"9223372036854775808\": value out of range");
    assertThatThrownBy(() -> FlagValues.int64("1__0", "--pids-limit")).hasMessageEndingWith("invalid syntax");
    assertThat(FlagValues.uint16("500", "--blkio-weight")).isEqualTo(500);
    assertThatThrownBy(() -> FlagValues.uint16("70000", "--blkio-weight")).hasMessage(
        "invalid argument \"70000\" for \"--blkio-weight\" flag: strconv.ParseUint: parsing \"70000\": value out of range");
  }

  @Test
  void durationsAreGosDurations() {
    assertThat(GoDuration.parseNanos("0")).isZero();
    assertThat(GoDuration.parseNanos("30s")).isEqualTo(30_000_000_000L);
    assertThat(GoDuration.parseNanos("1h30m")).isEqualTo(5_400_000_000_000L);
    assertThat(GoDuration.parseNanos("1.5s")).isEqualTo(1_500_000_000L);
    assertThat(GoDuration.parseNanos("250ms")).isEqualTo(250_000_000L);
    assertThat(GoDuration.parseNanos("10us")).isEqualTo(10_000L);
    assertThat(GoDuration.parseNanos("10\u00b5s")).isEqualTo(10_000L);
    assertThat(GoDuration.parseNanos("-2m")).isEqualTo(-120_000_000_000L);
    assertThatThrownBy(() -> GoDuration.parseNanos("")).hasMessage("time: invalid duration \"\"");
    assertThatThrownBy(() -> GoDuration.parseNanos("10")).hasMessage("time: missing unit in duration \"10\"");
    assertThatThrownBy(() -> GoDuration.parseNanos("5d")).hasMessage("time: unknown unit \"d\" in duration \"5d\"");
    assertThatThrownBy(() -> GoDuration.parseNanos("s")).hasMessage("time: invalid duration \"s\"");
    assertThatThrownBy(() -> GoDuration.parseNanos("3000000h")).hasMessage("time: invalid duration \"3000000h\"");
  }

  @Test
  void restartPoliciesParseAsDockersCliParsesThem() {
    assertThat(RestartPolicy.parse("always")).isEqualTo(new RestartPolicy("always", 0));
    assertThat(RestartPolicy.parse("on-failure:5")).isEqualTo(new RestartPolicy("on-failure", 5));
    assertThat(RestartPolicy.parse("unless-stopped")).isEqualTo(new RestartPolicy("unless-stopped", 0));
    assertThat(RestartPolicy.parse("on-failure:")).isEqualTo(new RestartPolicy("on-failure", 0));
    assertThat(RestartPolicy.parse("no").isNone()).isTrue();
    assertThat(RestartPolicy.parse("").isNone()).isTrue();
    assertThat(RestartPolicy.parse("always").isNone()).isFalse();
    assertThatThrownBy(() -> RestartPolicy.parse(":3"))
        .hasMessage("invalid restart policy format: no policy provided before colon");
    assertThatThrownBy(() -> RestartPolicy.parse("on-failure:x"))
        .hasMessage("invalid restart policy format: maximum retry count must be an integer");
    assertThat(JsonValues.write(RestartPolicy.parse("on-failure:2").toJson()))
        .isEqualTo("{\"Name\":\"on-failure\",\"MaximumRetryCount\":2}");
  }

  @Test
  void ulimitsParseAsGoUnitsParsesThem() {
    assertThat(Ulimit.parse("nofile=1024")).isEqualTo(new Ulimit("nofile", 1024, 1024));
    assertThat(Ulimit.parse("nofile=1024:4096")).isEqualTo(new Ulimit("nofile", 1024, 4096));
    assertThat(Ulimit.parse("core=-1")).isEqualTo(new Ulimit("core", -1, -1));
    assertThat(Ulimit.parse("memlock=infinity")).isEqualTo(new Ulimit("memlock", -1, -1));
    assertThat(Ulimit.parse("stack=8192:-1")).isEqualTo(new Ulimit("stack", 8192, -1));
    assertThatThrownBy(() -> Ulimit.parse("nofile")).hasMessage("invalid ulimit argument: nofile");
    assertThatThrownBy(() -> Ulimit.parse("as=1")).hasMessage("invalid ulimit type: as");
    assertThatThrownBy(() -> Ulimit.parse("nofile=1:2:3"))
        .hasMessage("too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`");
    assertThatThrownBy(() -> Ulimit.parse("nofile=x")).hasMessage("strconv.ParseInt: parsing \"x\": invalid syntax");
    assertThatThrownBy(() -> Ulimit.parse("nofile=-1:10")).hasMessage(
        "ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: 10");
  }

  @Test
  void aHealthcheckIsOnlySentWhenAFlagAsksForOne() {
    assertThat(new Healthcheck("", 0, 0, 0, 0, 0).toConfig(false)).isNull();
    assertThat(JsonValues.write(new Healthcheck("curl -f localhost", 0, 0, 0, 0, 2).toConfig(false)))
        .isEqualTo("{\"Test\":[\"CMD-SHELL\",\"curl -f localhost\"],\"Retries\":2}");
    assertThatThrownBy(() -> new Healthcheck("", 0, 0, 0, 0, -1).toConfig(false))
        .hasMessage("--health-retries cannot be negative");
    assertThatThrownBy(() -> new Healthcheck("", 0, -1, 0, 0, 0).toConfig(false))
        .hasMessage("--health-timeout cannot be negative");
    assertThatThrownBy(() -> new Healthcheck("", 0, 0, 0, -5, 0).toConfig(false))
        .hasMessage("--health-start-interval cannot be negative");
    assertThatThrownBy(() -> new Healthcheck("", 1, 0, 0, 0, 0).toConfig(true))
        .hasMessage("--no-healthcheck conflicts with --health-* options");
  }
}
