package io.wharf.engine.container.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.engine.container.Container;
import io.wharf.engine.container.ContainerService;
import io.wharf.engine.container.ContainerState;
import io.wharf.oci.errors.Conflict;
import io.wharf.oci.errors.NotFound;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerStatsTest {
  private static final String ID = "c0ffee0123456789c0ffee0123456789c0ffee0123456789c0ffee0123456789";

  @TempDir Path dir;
  private CgroupStats cgroups;

  @BeforeEach
  void cgroupV2Host() throws IOException {
    Path cgroup = Files.createDirectories(dir.resolve("cgroup/wharf-0123456789ab/" + ID));
    Files.writeString(dir.resolve("cgroup/cgroup.controllers"), "cpu memory pids\n");
    Files.writeString(cgroup.resolve("cpu.stat"), "usage_usec 2000\nuser_usec 1500\nsystem_usec 500\n");
    Files.writeString(cgroup.resolve("memory.current"), "4096\n");
    Path proc = Files.createDirectories(dir.resolve("proc"));
    Files.writeString(proc.resolve("stat"), "cpu  100 0 50 1000 10 0 5 7 0 0\ncpu0 100 0 50 1000 10 0 5 7 0 0\n");
    cgroups = new CgroupStats(dir.resolve("cgroup"), proc);
  }

  @Test
  void aStoppedContainerHasEmptyStatsAtOnce() throws Exception {
    StatsSnapshot s = stats(containers(container(ContainerState.EXITED, 0))).once("web", false);

    assertThat(s.sampled()).isFalse();
    assertThat(s.name()).isEqualTo("/web");
    assertThat(s.id()).isEqualTo(ID);
  }

  @Test
  void withoutOneShotTheAnswerCarriesAnEarlierSampleAsPrecpu() throws Exception {
    StatsSnapshot s = stats(containers(container(ContainerState.RUNNING, 4242))).once("web", false);

    assertThat(s.preread()).isNotEqualTo(StatsSnapshot.ZERO_TIME).isBefore(s.read());
    assertThat(s.precpuStats().cpuUsage().totalUsage()).isEqualTo(2_000_000L);
    assertThat(s.cpuStats().cpuUsage().totalUsage()).isEqualTo(2_000_000L);
    assertThat(s.memoryStats().usage()).isEqualTo(4096);
  }

  @Test
  void oneShotIsOneSampleWithoutPrecpu() throws Exception {
    StatsSnapshot s = stats(containers(container(ContainerState.RUNNING, 4242))).once("web", true);

    assertThat(s.sampled()).isTrue();
    assertThat(s.preread()).isEqualTo(StatsSnapshot.ZERO_TIME);
    assertThat(s.precpuStats().cpuUsage().totalUsage()).isZero();
  }

  @Test
  void aStreamEndsWhenTheContainerIsRemoved() throws Exception {
    List<StatsSnapshot> sent = new ArrayList<>();

    stats(containers(container(ContainerState.RUNNING, 4242), 3)).stream("web", sent::add);

    assertThat(sent).hasSize(3);
    assertThat(sent.get(0).preread()).isEqualTo(StatsSnapshot.ZERO_TIME);
    assertThat(sent.get(1).preread()).isEqualTo(sent.get(0).read());
    assertThat(sent.get(2).preread()).isEqualTo(sent.get(1).read());
  }

  @Test
  void aStreamEndsWhenTheClientGoesAway() {
    AtomicInteger sent = new AtomicInteger();
    ContainerStats stats = stats(containers(container(ContainerState.RUNNING, 4242)));

    assertThatThrownBy(() -> stats.stream("web", s -> {
      if (sent.incrementAndGet() == 2) {
        throw new IOException("the client went away");
      }
    })).isInstanceOf(IOException.class);
    assertThat(sent).hasValue(2);
  }

  @Test
  void noSuchContainerFailsBeforeAnySample() {
    List<StatsSnapshot> sent = new ArrayList<>();

    assertThatThrownBy(() -> stats(containers(null)).stream("nope", sent::add)).isInstanceOf(NotFound.class);
    assertThat(sent).isEmpty();
  }

  @Test
  void topOfAStoppedContainerIsAConflict() {
    assertThatThrownBy(() -> stats(containers(container(ContainerState.EXITED, 0))).top("web", ""))
        .isInstanceOf(Conflict.class).hasMessage("Container " + ID + " is not running");
  }

  private ContainerStats stats(ContainerService containers) {
    return new ContainerStats(containers, "wharf-0123456789ab", cgroups,
        new ProcessTable(dir.resolve("proc"), args -> "PID CMD\n"), Duration.ofMillis(5));
  }

  private static ContainerService containers(Container container) {
    return containers(container, Integer.MAX_VALUE);
  }

  /** A container service knowing {@code container} for its first {@code lookups} lookups, then none. */
  private static ContainerService containers(Container container, int lookups) {
    AtomicInteger count = new AtomicInteger();
    return (ContainerService) Proxy.newProxyInstance(ContainerService.class.getClassLoader(),
        new Class<?>[] {ContainerService.class}, (proxy, method, args) -> {
          if (!method.getName().equals("get")) {
            throw new UnsupportedOperationException(method.getName());
          }
          if (container == null || count.incrementAndGet() > lookups) {
            throw new NotFound("No such container: " + args[0]);
          }
          return container;
        });
  }

  /**
   * A container record with the fields stats look at; the others null or zero. Made through
   * the canonical constructor by component name, so that fields added to the record later
   * leave this test alone.
   */
  private static Container container(ContainerState state, long pid) {
    Map<String, Object> known = Map.of("id", ID, "name", "web", "image", "busybox", "args", List.of("sleep", "100"),
        "env", List.of(), "labels", Map.of(), "state", state, "pid", pid, "created", Instant.now());
    RecordComponent[] components = Container.class.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = known.containsKey(components[i].getName()) ? known.get(components[i].getName()) : zero(types[i]);
    }
    try {
      return Container.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object zero(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    return type == long.class ? 0L : null;
  }
}
