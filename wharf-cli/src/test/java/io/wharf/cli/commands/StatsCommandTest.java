package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.wharf.cli.CliContext;
import io.wharf.client.JsonValues;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatsCommandTest {
  private static final String ID = "4b825dc642cb6eb9a060e54bf8d69288fbee4904a3a3a4c9f4d5e8f2b7c1d0e9";
  private static final String CPU_ZERO = "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}";
  /** 20% of 4 CPUs, 8 MiB without the 2 MiB inactive cache, 2 kB / 1 kB over two interfaces. */
  private static final String STATS = """
      {"read":"2025-01-01T10:00:01Z","preread":"2025-01-01T10:00:00Z","pids_stats":{"current":3},
       "blkio_stats":{"io_service_bytes_recursive":[{"major":8,"minor":0,"op":"read","value":4096000},
         {"major":8,"minor":0,"op":"write","value":1200}]},"num_procs":0,"storage_stats":{},
       "cpu_stats":{"cpu_usage":{"total_usage":300000000,"usage_in_kernelmode":0,"usage_in_usermode":0},
         "system_cpu_usage":4004000000000,"online_cpus":4,%s},
       "precpu_stats":{"cpu_usage":{"total_usage":100000000,"usage_in_kernelmode":0,"usage_in_usermode":0},
         "system_cpu_usage":4000000000000,"online_cpus":4,%s},
       "memory_stats":{"usage":10485760,"stats":{"inactive_file":2097152},"limit":1073741824},
       "name":"/web","id":"%s",
       "networks":{"eth0":{"rx_bytes":1500,"rx_packets":1,"rx_errors":0,"rx_dropped":0,"tx_bytes":648,"tx_packets":1,
         "tx_errors":0,"tx_dropped":0},"eth1":{"rx_bytes":500,"tx_bytes":352}}}
      """.formatted(CPU_ZERO, CPU_ZERO, ID).replace("\n", "");
  private static final String STOPPED = ("{\"read\":\"0001-01-01T00:00:00Z\",\"preread\":\"0001-01-01T00:00:00Z\","
      + "\"pids_stats\":{},\"blkio_stats\":{\"io_service_bytes_recursive\":null},\"num_procs\":0,\"storage_stats\":{},"
      + "\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":0,\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},%s},"
      + "\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":0,\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},%s},"
      + "\"memory_stats\":{},\"name\":\"/old\",\"id\":\"0123456789abcdef\"}").formatted(CPU_ZERO, CPU_ZERO);
  private static final String HEADER =
      "CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O     BLOCK I/O       PIDS\n";
  private static final String ROW =
      "4b825dc642cb   web       20.00%    8MiB / 1GiB         0.78%     2kB / 1kB   4.1MB / 1.2kB   3\n";

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
  void cpuPercentIsTheContainersShareOfTheHostTimesItsCpus() {
    assertThat(StatsEntry.cpuPercent(cpu(100_000_000L, 4_000_000_000_000L, 4), cpu(300_000_000L, 4_004_000_000_000L, 4)))
        .isEqualTo(20.0);
    assertThat(StatsEntry.cpuPercent(cpu(0, 0, 0), cpu(0, 0, 0))).isZero();
    assertThat(StatsEntry.cpuPercent(cpu(200, 1000, 2), cpu(100, 2000, 2))).as("a counter going back").isZero();
  }

  @Test
  void withoutOnlineCpusThePerCpuCountIsUsed() {
    Map<String, Object> current = Map.of("cpu_usage", Map.of("total_usage", 300L, "percpu_usage", List.of(1L, 2L)),
        "system_cpu_usage", 2000L);

    assertThat(StatsEntry.cpuPercent(cpu(100, 1000, 0), current)).isEqualTo(40.0);
  }

  @Test
  void memoryLeavesTheInactivePageCacheOut() {
    assertThat(StatsEntry.memoryUsage(Map.of("usage", 10_000L, "stats", Map.of("total_inactive_file", 3_000L,
        "inactive_file", 1_000L)))).as("cgroup v1").isEqualTo(7_000);
    assertThat(StatsEntry.memoryUsage(Map.of("usage", 10_000L, "stats", Map.of("inactive_file", 1_000L))))
        .as("cgroup v2").isEqualTo(9_000);
    assertThat(StatsEntry.memoryUsage(Map.of("usage", 1_000L, "stats", Map.of("inactive_file", 5_000L))))
        .as("cache beyond usage").isEqualTo(1_000);
    assertThat(StatsEntry.memoryPercent(0, 1_000)).isZero();
    assertThat(StatsEntry.memoryPercent(4_000, 1_000)).isEqualTo(25.0);
  }

  @Test
  void blockIoAndNetworkAreSummed() {
    Map<String, Object> blkio = Map.of("io_service_bytes_recursive", List.of(
        Map.of("op", "Read", "value", 10L), Map.of("op", "read", "value", 5L), Map.of("op", "Write", "value", 7L),
        Map.of("op", "Total", "value", 22L), Map.of("op", "", "value", 1L)));
    Map<String, Object> networks = Map.of("eth0", Map.of("rx_bytes", 1L, "tx_bytes", 2L),
        "eth1", Map.of("rx_bytes", 10L, "tx_bytes", 20L));

    assertThat(StatsEntry.blockIo(blkio)).containsExactly(15, 7);
    assertThat(StatsEntry.network(networks)).containsExactly(11, 22);
  }

  @Test
  void percentagesRoundAsGoDoes() {
    assertThat(StatsEntry.percentage(0.78125)).isEqualTo("0.78%");
    assertThat(StatsEntry.percentage(0.375)).isEqualTo("0.38%");
    assertThat(StatsEntry.percentage(0)).isEqualTo("0.00%");
    assertThat(StatsEntry.percentage(123.456)).isEqualTo("123.46%");
  }

  @Test
  void noStreamPrintsOneTableOfOneSampleEach() {
    daemon.answer("/containers/web/stats", 200, STATS);

    FakeDaemon.Result result = daemon.wharf("", "stats", "--no-stream", "web");

    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo(HEADER + ROW);
    assertThat(daemon.request().uri()).isEqualTo("/v1.44/containers/web/stats?stream=0");
  }

  @Test
  void aStoppedContainerShowsZeros() {
    daemon.answer("/containers/old/stats", 200, STOPPED);

    FakeDaemon.Result result = daemon.wharf("", "container", "stats", "--no-stream", "--no-trunc", "old");

    assertThat(result.out()).isEqualTo("""
        CONTAINER ID       NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS
        0123456789abcdef   old       0.00%     0B / 0B             0.00%     0B / 0B   0B / 0B     0
        """);
  }

  @Test
  void withoutNamesTheRunningContainersAreAskedForByShortId() {
    daemon.answer("/containers/json", 200, "[{\"Id\":\"" + ID + "\",\"Names\":[\"/web\"]}]")
        .answer("/containers/4b825dc642cb/stats", 200, STATS);

    FakeDaemon.Result result = daemon.wharf("", "stats", "--no-stream");

    assertThat(result.out()).isEqualTo(HEADER + ROW);
    assertThat(daemon.requests()).extracting(FakeDaemon.Request::uri).contains("/v1.44/containers/json",
        "/v1.44/containers/4b825dc642cb/stats?stream=0");
    assertThat(daemon.wharf("", "stats", "--no-stream", "-a").code()).isZero();
    assertThat(daemon.requests()).extracting(FakeDaemon.Request::uri).contains("/v1.44/containers/json?all=1");
  }

  @Test
  void aContainerThatCannotBeHadIsAnError() {
    daemon.answer("/containers/web/stats", 200, STATS)
        .answer("/containers/nope/stats", 404, "{\"message\":\"No such container: nope\"}");

    FakeDaemon.Result result = daemon.wharf("", "stats", "--no-stream", "web", "nope");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("Error response from daemon: No such container: nope\n");
  }

  @Test
  void formatTakesDockersFields() {
    daemon.answer("/containers/web/stats", 200, STATS);

    FakeDaemon.Result result = daemon.wharf("", "stats", "--no-stream", "--format",
        "{{.Container}} {{.Name}} {{.ID}} {{.CPUPerc}} {{.MemUsage}} {{.MemPerc}} {{.NetIO}} {{.BlockIO}} {{.PIDs}}", "web");

    assertThat(result.out()).isEqualTo("web web 4b825dc642cb 20.00% 8MiB / 1GiB 0.78% 2kB / 1kB 4.1MB / 1.2kB 3\n");
    assertThat(JsonValues.read(daemon.wharf("", "stats", "--no-stream", "--format", "json", "web").out()))
        .isEqualTo(Map.of("BlockIO", "4.1MB / 1.2kB", "CPUPerc", "20.00%", "Container", "web", "ID", "4b825dc642cb",
            "MemPerc", "0.78%", "MemUsage", "8MiB / 1GiB", "Name", "web", "NetIO", "2kB / 1kB", "PIDs", "3"));
  }

  @Test
  void onATerminalEachTableIsDrawnOverTheLast() {
    assertThat(StatsCommand.frame("A   B\n1   2\n", true)).isEqualTo("\033[HA   B\033[K\n1   2\033[K\n\033[J");
    assertThat(StatsCommand.frame("A   B\n1   2\n", false)).isEqualTo("A   B\n1   2\n");
  }

  @Test
  void aStreamRedrawsTheTableAsSamplesCome() throws Exception {
    try (StreamingDaemon streaming = new StreamingDaemon(STATS)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StatsCommand command = new StatsCommand();
      command.bind(new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
          new ByteArrayInputStream(new byte[0]), Map.of(), streaming.host(), false), "stats");
      command.parse(new String[] {"web"});
      command.maxFrames = 3;
      command.refresh = Duration.ofMillis(50);
      command.terminal = true;

      assertThat(command.call()).isZero();

      String frame = StatsCommand.frame(HEADER + ROW, true);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(frame + frame + frame);
      assertThat(streaming.uri).isEqualTo("/v1.44/containers/web/stats?stream=1");
    }
  }

  @Test
  void argumentsAndHelpAreDockers() {
    FakeDaemon.Result help = daemon.wharf("", "stats", "--help");

    assertThat(help.out()).contains("Usage:  wharf stats [OPTIONS] [CONTAINER...]")
        .contains("Display a live stream of container(s) resource usage statistics")
        .contains("--no-stream").contains("--no-trunc").contains("--format").contains("-a, --all");
  }

  private static Map<String, Object> cpu(long total, long system, int cpus) {
    return Map.of("cpu_usage", Map.of("total_usage", total), "system_cpu_usage", system, "online_cpus", (long) cpus);
  }

  /** A daemon whose stats stream sends a sample every 20 ms until the client goes away. */
  private static final class StreamingDaemon implements AutoCloseable {
    private final HttpServer server;
    volatile String uri;

    StreamingDaemon(String sample) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
      server.createContext("/", exchange -> {
        if (exchange.getRequestURI().getPath().endsWith("/_ping")) {
          exchange.getResponseHeaders().set("Api-Version", "1.44");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
          return;
        }
        uri = exchange.getRequestURI().toString();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
          for (int i = 0; i < 500; i++) {
            body.write((sample + "\n").getBytes(StandardCharsets.UTF_8));
            body.flush();
            Thread.sleep(20);
          }
        } catch (IOException | InterruptedException e) {
          // the client went away
        }
      });
      server.start();
    }

    String host() {
      return "tcp://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
