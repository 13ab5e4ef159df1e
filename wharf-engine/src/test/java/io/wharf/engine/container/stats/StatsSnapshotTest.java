package io.wharf.engine.container.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.engine.container.stats.StatsSnapshot.BlkioStats;
import io.wharf.engine.container.stats.StatsSnapshot.CpuStats;
import io.wharf.engine.container.stats.StatsSnapshot.CpuUsage;
import io.wharf.engine.container.stats.StatsSnapshot.MemoryStats;
import io.wharf.engine.container.stats.StatsSnapshot.NetworkStats;
import io.wharf.engine.container.stats.StatsSnapshot.PidsStats;
import io.wharf.engine.container.stats.StatsSnapshot.ThrottlingData;
import io.wharf.oci.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsSnapshotTest {
  @Test
  void aContainerNotRunningHasDockersEmptyStats() throws Exception {
    String json = Json.MAPPER.writeValueAsString(StatsSnapshot.empty("/web", "abc"));

    String cpu = "{\"cpu_usage\":{\"total_usage\":0,\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},"
        + "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}}";
    assertThat(json).isEqualTo("{\"read\":\"0001-01-01T00:00:00Z\",\"preread\":\"0001-01-01T00:00:00Z\","
        + "\"pids_stats\":{},\"blkio_stats\":{\"io_service_bytes_recursive\":null,\"io_serviced_recursive\":null,"
        + "\"io_queue_recursive\":null,\"io_service_time_recursive\":null,\"io_wait_time_recursive\":null,"
        + "\"io_merged_recursive\":null,\"io_time_recursive\":null,\"sectors_recursive\":null},\"num_procs\":0,"
        + "\"storage_stats\":{},\"cpu_stats\":" + cpu + ",\"precpu_stats\":" + cpu + ",\"memory_stats\":{},"
        + "\"name\":\"/web\",\"id\":\"abc\"}");
  }

  @Test
  void aSampleHasDockersFieldNames() throws Exception {
    StatsSnapshot first = sample(Instant.parse("2025-01-01T10:00:00Z"), 1_000);
    StatsSnapshot second = sample(Instant.parse("2025-01-01T10:00:01.5Z"), 3_000).after(first);

    String json = Json.MAPPER.writeValueAsString(second);

    assertThat(json)
        .contains("\"read\":\"2025-01-01T10:00:01.500Z\",\"preread\":\"2025-01-01T10:00:00Z\"")
        .contains("\"pids_stats\":{\"current\":2}")
        .contains("\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":3000,\"percpu_usage\":[3000],"
            + "\"usage_in_kernelmode\":1,\"usage_in_usermode\":2},\"system_cpu_usage\":9000,\"online_cpus\":1,")
        .contains("\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":1000,")
        .contains("\"memory_stats\":{\"usage\":4096,\"stats\":{\"inactive_file\":1024},\"limit\":8192}")
        .contains("\"networks\":{\"eth0\":{\"rx_bytes\":1,\"rx_packets\":2,\"rx_errors\":0,\"rx_dropped\":0,"
            + "\"tx_bytes\":3,\"tx_packets\":4,\"tx_errors\":0,\"tx_dropped\":0}}");
    assertThat(second.sampled()).isTrue();
    assertThat(StatsSnapshot.empty("/web", "abc").sampled()).isFalse();
  }

  private static StatsSnapshot sample(Instant read, long cpu) {
    return new StatsSnapshot(read, StatsSnapshot.ZERO_TIME, new PidsStats(2, 0), BlkioStats.EMPTY, 0,
        new StatsSnapshot.StorageStats(),
        new CpuStats(new CpuUsage(cpu, List.of(cpu), 1, 2), 9000, 1, new ThrottlingData(0, 0, 0)), CpuStats.ZERO,
        new MemoryStats(4096, 0, Map.of("inactive_file", 1024L), 0, 8192), "/web", "abc",
        Map.of("eth0", new NetworkStats(1, 2, 0, 0, 3, 4, 0, 0)));
  }
}
