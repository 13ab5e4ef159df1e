package io.wharf.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.engine.archive.TarBuilder;
import io.wharf.engine.snapshot.OverlaySnapshotter;
import io.wharf.engine.snapshot.Snapshotter;
import io.wharf.oci.Digest;
import io.wharf.oci.errors.SystemError;
import io.wharf.oci.runtime.Mount;
import io.wharf.sys.MountCalls;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real containers: busybox on an overlay root file system, under conmon and runc. */
@Tag("root")
class ConmonRuntimeTest {
  private static final Path RUNC = Path.of("/usr/sbin/runc");
  private static final Path CONMON = Path.of("/usr/bin/conmon");
  private static final Path BUSYBOX = Path.of("/bin/busybox");
  @TempDir Path root;
  OverlaySnapshotter snapshots;
  ConmonRuntime runtime;
  Digest chain;
  Path rootfs;

  @BeforeEach
  void busyboxSnapshot() throws Exception {
    assumeTrue(Files.isExecutable(RUNC) && Files.isExecutable(CONMON) && Files.isExecutable(BUSYBOX),
        "runc, conmon and busybox-static are installed by .ci/run");
    byte[] tar = new TarBuilder().file("bin/busybox", Files.readAllBytes(BUSYBOX), 0755)
        .symlink("bin/sh", "busybox").symlink("bin/sleep", "busybox").build();
    snapshots = new OverlaySnapshotter(root.resolve("snapshots"));
    chain = Snapshotter.chainId(null, Digest.of(tar));
    snapshots.unpack(chain, new ByteArrayInputStream(tar));
    runtime = new ConmonRuntime(RUNC, CONMON, root.resolve("exec"));
  }

  private final String cgroupParent = "wharf-test-" + ProcessHandle.current().pid();

  @AfterEach
  void close() throws Exception {
    if (rootfs != null) {
      MountCalls.unmount(rootfs, MountCalls.MNT_DETACH);
    }
    if (runtime != null) {
      runtime.close();
    }
    // runc removes the container's cgroup; the parent is ours to remove (rmdir of an empty cgroup)
    Files.deleteIfExists(Path.of("/sys/fs/cgroup", cgroupParent)); // cgroup v2
    try (var controllers = Files.list(Path.of("/sys/fs/cgroup"))) {
      for (Path controller : controllers.filter(Files::isDirectory).toList()) {
        Files.deleteIfExists(controller.resolve(cgroupParent)); // cgroup v1: one per controller
      }
    }
  }

  private Path bundle(String id, List<String> args) throws Exception {
    Path bundle = root.resolve("containers").resolve(id);
    rootfs = Files.createDirectories(bundle.resolve("rootfs"));
    Mount mount = snapshots.prepare(id, List.of(chain));
    MountCalls.mount(mount.source(), rootfs, mount.type(), 0, String.join(",", mount.options()));
    ConmonRuntime.writeBundle(bundle, DefaultSpec.of(new DefaultSpec.ProcessSettings(args,
        List.of("PATH=/bin"), "/", 0, 0, List.of(), false, id), rootfs.toString(), "/" + cgroupParent + "/" + id));
    return bundle;
  }

  @Test
  void containerRunsAndItsExitCodeAndStreamsAreKept() throws Exception {
    String id = "wharf-test-" + ProcessHandle.current().pid();
    Path bundle = bundle(id, List.of("sh", "-c", "echo hello; echo oops >&2; exit 3"));
    Path log = bundle.resolve("ctr.log");
    long pid = runtime.create(id, bundle, log, false, false);
    assertThat(pid).isPositive();
    runtime.start(id);
    assertThat(runtime.exitCode(id).get(30, TimeUnit.SECONDS)).isEqualTo(3);
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).anySatisfy(l -> assertThat(l).endsWith(" stdout F hello"));
    assertThat(lines).anySatisfy(l -> assertThat(l).endsWith(" stderr F oops"));
    long conmonPid = Long.parseLong(Files.readString(bundle.resolve("conmon.pid")).strip());
    runtime.delete(id, false);
    ProcessHandle.of(conmonPid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(conmonPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
  }

  @Test
  void startAndDeleteOfAnExitedContainerLeaveNoRuncStateNorCgroup() throws Exception {
    String id = "wharf-quick-" + ProcessHandle.current().pid();
    Path bundle = bundle(id, List.of("sh", "-c", "echo started"));
    runtime.create(id, bundle, bundle.resolve("ctr.log"), false, false);
    Path state = root.resolve("exec").resolve("runtime").resolve(id);
    assertThat(state.resolve("exec.fifo")).exists(); // runc's "created"
    List<Path> cgroups = new java.util.ArrayList<>();
    io.wharf.oci.Json.MAPPER.readTree(state.resolve("state.json").toFile()).path("cgroup_paths").elements()
        .forEachRemaining(p -> cgroups.add(Path.of(p.asText())));
    assertThat(cgroups).isNotEmpty().allSatisfy(c -> assertThat(c).isDirectory());
    runtime.start(id); // through the exec FIFO, without runc
    assertThat(runtime.exitCode(id).get(30, TimeUnit.SECONDS)).isZero();
    assertThat(Files.readString(bundle.resolve("ctr.log"))).contains(" stdout F started");
    runtime.deleteExited(runtime.named(null), id); // without runc too
    assertThat(state).doesNotExist();
    assertThat(cgroups).allSatisfy(c -> assertThat(c).doesNotExist());
  }

  @Test
  void killedContainerExitsWith137() throws Exception {
    String id = "wharf-kill-" + ProcessHandle.current().pid();
    Path bundle = bundle(id, List.of("sleep", "60"));
    runtime.create(id, bundle, bundle.resolve("ctr.log"), false, false);
    runtime.start(id);
    runtime.kill(id, "KILL");
    assertThat(runtime.exitCode(id).get(30, TimeUnit.SECONDS)).isEqualTo(137);
    runtime.delete(id, true);
  }

  @Test
  void missingProgramFailsCreateWithTheRuntimesReason() throws Exception {
    String id = "wharf-missing-" + ProcessHandle.current().pid();
    Path bundle = bundle(id, List.of("/no/such/program"));
    assertThatThrownBy(() -> {
      runtime.create(id, bundle, bundle.resolve("ctr.log"), false, false);
      runtime.start(id);
    }).isInstanceOf(SystemError.class).hasMessageContaining("no such file or directory");
    runtime.delete(id, true);
  }
}
