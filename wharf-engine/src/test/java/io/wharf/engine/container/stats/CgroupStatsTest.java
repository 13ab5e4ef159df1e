package io.wharf.engine.container.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.wharf.engine.container.stats.StatsSnapshot.BlkioEntry;
import io.wharf.engine.container.stats.StatsSnapshot.NetworkStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupStatsTest {
  private static final String ID = "4b825dc642cb6eb9a060e54bf8d69288fbee4904a3a3a4c9f4d5e8f2b7c1d0e9";
  private static final String PATH = "/wharf-0123456789ab/" + ID;
  private static final String PROC_STAT = """
      cpu  100 0 50 1000 10 0 5 7 0 0
      cpu0 60 0 30 500 5 0 3 4 0 0
      cpu1 40 0 20 500 5 0 2 3 0 0
      intr 12345 0 0
      ctxt 999
      """;
  private static final String MEMINFO = """
      MemTotal:       16384000 kB
      MemFree:         8192 kB
      """;
  private static final String NET_DEV = """
      Inter-|   Receive                                                |  Transmit
       face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
          lo:     640       8    0    0    0     0          0         0      640       8    0    0    0     0       0          0
        eth0:73650957    2172    1    2    0     0          0         0   177433    1813    3    4    0     0       0          0
      """;

  @TempDir Path dir;

  @Test
  void cgroupV1CountersComeFromEachController() throws IOException {
    Path root = dir.resolve("cgroup");
    write(root, "cpuacct" + PATH + "/cpuacct.usage", "2000000000\n");
    write(root, "cpuacct" + PATH + "/cpuacct.usage_percpu", "1500000000 500000000 \n");
    write(root, "cpuacct" + PATH + "/cpuacct.stat", "user 150\nsystem 30\n");
    write(root, "cpu" + PATH + "/cpu.stat", "nr_periods 10\nnr_throttled 2\nthrottled_time 5000\n");
    write(root, "memory" + PATH + "/memory.usage_in_bytes", "10485760\n");
    write(root, "memory" + PATH + "/memory.max_usage_in_bytes", "20971520\n");
    write(root, "memory" + PATH + "/memory.failcnt", "0\n");
    write(root, "memory" + PATH + "/memory.limit_in_bytes", "9223372036854771712\n");
    write(root, "memory" + PATH + "/memory.stat", "cache 4096\nrss 8192\ntotal_inactive_file 2048\n");
    write(root, "pids" + PATH + "/pids.current", "3\n");
    write(root, "pids" + PATH + "/pids.max", "max\n");
    write(root, "blkio" + PATH + "/blkio.throttle.io_service_bytes_recursive",
        "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 0\n8:0 Async 12288\n8:0 Discard 0\n8:0 Total 12288\nTotal 12288\n");
    Path proc = proc();

    CgroupStats stats = new CgroupStats(root, proc);
    StatsSnapshot s = stats.read("/web", ID, PATH, 4242);

    assertThat(stats.unified()).isFalse();
    assertThat(s.sampled()).isTrue();
    assertThat(s.name()).isEqualTo("/web");
    assertThat(s.cpuStats().cpuUsage().totalUsage()).isEqualTo(2_000_000_000L);
    assertThat(s.cpuStats().cpuUsage().percpuUsage()).containsExactly(1_500_000_000L, 500_000_000L);
    assertThat(s.cpuStats().cpuUsage().usageInUsermode()).isEqualTo(1_500_000_000L);
    assertThat(s.cpuStats().cpuUsage().usageInKernelmode()).isEqualTo(300_000_000L);
    assertThat(s.cpuStats().throttlingData()).isEqualTo(new StatsSnapshot.ThrottlingData(10, 2, 5000));
    assertThat(s.cpuStats().systemCpuUsage()).isEqualTo(1165L * 10_000_000L);
    assertThat(s.cpuStats().onlineCpus()).isEqualTo(2);
    assertThat(s.memoryStats().usage()).isEqualTo(10_485_760L);
    assertThat(s.memoryStats().maxUsage()).isEqualTo(20_971_520L);
    assertThat(s.memoryStats().limit()).as("unlimited is the host's memory").isEqualTo(16_384_000L * 1024);
    assertThat(s.memoryStats().stats()).containsEntry("total_inactive_file", 2048L).containsEntry("cache", 4096L);
    assertThat(s.pidsStats()).isEqualTo(new StatsSnapshot.PidsStats(3, 0));
    assertThat(s.blkioStats().ioServiceBytesRecursive()).hasSize(6)
        .startsWith(new BlkioEntry(8, 0, "Read", 4096), new BlkioEntry(8, 0, "Write", 8192));
    assertThat(s.networks()).containsOnlyKeys("eth0")
        .containsEntry("eth0", new NetworkStats(73650957, 2172, 1, 2, 177433, 1813, 3, 4));
  }

  @Test
  void cgroupV2CountersComeFromTheUnifiedHierarchy() throws IOException {
    Path root = dir.resolve("cgroup");
    write(root, "cgroup.controllers", "cpuset cpu io memory pids\n");
    write(root, PATH.substring(1) + "/cpu.stat",
        "usage_usec 2000000\nuser_usec 1500000\nsystem_usec 500000\nnr_periods 4\nnr_throttled 1\nthrottled_usec 300\n");
    write(root, PATH.substring(1) + "/memory.current", "10485760\n");
    write(root, PATH.substring(1) + "/memory.max", "67108864\n");
    write(root, PATH.substring(1) + "/memory.stat", "anon 8192\nfile 4096\ninactive_file 2048\n");
    write(root, PATH.substring(1) + "/pids.current", "2\n");
    write(root, PATH.substring(1) + "/pids.max", "64\n");
    write(root, PATH.substring(1) + "/io.stat",
        "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n253:0 rbytes=0 wbytes=512 rios=0 wios=1 dbytes=0 dios=0\n");

    CgroupStats stats = new CgroupStats(root, proc());
    StatsSnapshot s = stats.read("/web", ID, PATH, 4242);

    assertThat(stats.unified()).isTrue();
    assertThat(s.cpuStats().cpuUsage()).isEqualTo(
        new StatsSnapshot.CpuUsage(2_000_000_000L, List.of(), 500_000_000L, 1_500_000_000L));
    assertThat(s.cpuStats().throttlingData()).isEqualTo(new StatsSnapshot.ThrottlingData(4, 1, 300_000));
    assertThat(s.memoryStats()).isEqualTo(new StatsSnapshot.MemoryStats(10_485_760L, 0,
        Map.of("anon", 8192L, "file", 4096L, "inactive_file", 2048L), 0, 67_108_864L));
    assertThat(s.pidsStats()).isEqualTo(new StatsSnapshot.PidsStats(2, 64));
    assertThat(s.blkioStats().ioServiceBytesRecursive()).containsExactly(
        new BlkioEntry(8, 0, "read", 4096), new BlkioEntry(8, 0, "write", 8192),
        new BlkioEntry(253, 0, "read", 0), new BlkioEntry(253, 0, "write", 512));
    assertThat(s.blkioStats().ioServicedRecursive()).isNull();
  }

  @Test
  void aMemoryMaxOfMaxIsTheHostsMemory() throws IOException {
    Path root = dir.resolve("cgroup");
    write(root, "cgroup.controllers", "memory\n");
    write(root, PATH.substring(1) + "/memory.max", "max\n");

    assertThat(new CgroupStats(root, proc()).read("/web", ID, PATH, 0).memoryStats().limit()).isEqualTo(16_384_000L * 1024);
  }

  @Test
  void aCgroupThatIsGoneReadsAsZeros() throws IOException {
    Path root = Files.createDirectories(dir.resolve("cgroup/memory"));

    StatsSnapshot s = new CgroupStats(root.getParent(), proc()).read("/web", ID, PATH, 0);

    assertThat(s.cpuStats().cpuUsage().totalUsage()).isZero();
    assertThat(s.memoryStats().usage()).isZero();
    assertThat(s.networks()).isEmpty();
    assertThat(s.blkioStats().ioServiceBytesRecursive()).as("dockerd's v1 lists are never null").isEmpty();
    assertThat(s.blkioStats().sectorsRecursive()).isEmpty();
  }

  @Test
  void aContainerOnTheHostsNetworkHasNoNetworks() throws IOException {
    Path proc = proc();
    Files.delete(proc.resolve("4242/ns/net"));
    Files.createSymbolicLink(proc.resolve("4242/ns/net"), Path.of("net:[4026531840]"));

    assertThat(new CgroupStats(dir, proc).networks(4242)).isEmpty();
  }

  @Test
  void netDevSkipsLoopbackAndTheHeaders() {
    assertThat(NetDev.parse(NET_DEV)).containsOnlyKeys("eth0");
  }

  @Test
  void hostCpuIsDockersSystemUsage() {
    assertThat(HostCpu.systemCpuUsage(PROC_STAT)).isEqualTo(11_650_000_000L);
    assertThat(HostCpu.onlineCpus(PROC_STAT)).isEqualTo(2);
    assertThat(HostCpu.memTotal(MEMINFO)).isEqualTo(16_777_216_000L);
  }

  /** The cgroup of this JVM, read for real: a cgroup v1 memory hierarchy or the v2 one. */
  @Test
  void readsTheCgroupOfThisJvm() throws IOException {
    CgroupStats host = CgroupStats.host();
    assumeThat(Files.isDirectory(Path.of("/sys/fs/cgroup"))).isTrue();
    String path = ownCgroup(host.unified());
    assumeThat(path).isNotNull().isNotEqualTo("/");
    long pid = ProcessHandle.current().pid();

    StatsSnapshot s = host.read("/jvm", "self", path, pid);

    assertThat(s.memoryStats().usage()).isPositive();
    assertThat(s.memoryStats().limit()).isPositive();
    assertThat(s.memoryStats().stats()).isNotEmpty();
    assertThat(s.cpuStats().systemCpuUsage()).isPositive();
    assertThat(s.cpuStats().onlineCpus()).isPositive();
    assertThat(ProcessTable.host().pids(path)).contains(pid);
  }

  private static String ownCgroup(boolean unified) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
      String[] parts = line.split(":", 3);
      boolean wanted = unified ? parts[0].equals("0") : List.of(parts[1].split(",")).contains("memory");
      if (wanted) {
        return parts[2];
      }
    }
    return null;
  }

  private Path proc() throws IOException {
    Path proc = dir.resolve("proc");
    write(proc, "stat", PROC_STAT);
    write(proc, "meminfo", MEMINFO);
    write(proc, "4242/net/dev", NET_DEV);
    Files.createDirectories(proc.resolve("4242/ns"));
    Files.createDirectories(proc.resolve("self/ns"));
    Files.createSymbolicLink(proc.resolve("4242/ns/net"), Path.of("net:[4026532999]"));
    Files.createSymbolicLink(proc.resolve("self/ns/net"), Path.of("net:[4026531840]"));
    return proc;
  }

  private static void write(Path root, String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
