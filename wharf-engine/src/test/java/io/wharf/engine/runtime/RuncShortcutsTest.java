package io.wharf.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.errors.SystemError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fall-backs to runc itself, on state laid out by hand (the real thing is in ConmonRuntimeTest). */
class RuncShortcutsTest {
  @TempDir Path dir;

  private Path state(String cgroupA, String cgroupB, String poststop) throws Exception {
    Path state = Files.createDirectories(dir.resolve("state"));
    Files.writeString(state.resolve("state.json"), """
        {"id": "c", "cgroup_paths": {"": "%s", "memory": "%s"}, "intel_rdt_path": "",
         "config": {"Hooks": {"poststop": %s}}}""".formatted(cgroupA, cgroupB, poststop));
    return state;
  }

  @Test
  void removesEmptyCgroupsAndTheStateDirectory() throws Exception {
    Path a = Files.createDirectories(dir.resolve("unified/c"));
    Path state = state(a.toString(), dir.resolve("memory/c").toString(), "null"); // one already gone
    assertThat(RuncShortcuts.removeExited(state)).isTrue();
    assertThat(a).doesNotExist();
    assertThat(state).doesNotExist();
  }

  @Test
  void leavesItToRuncWhenACgroupIsNotEmpty() throws Exception {
    Path a = Files.createDirectories(dir.resolve("unified/c/child"));
    Path state = state(a.getParent().toString(), a.getParent().toString(), "null");
    assertThat(RuncShortcuts.removeExited(state)).isFalse();
    assertThat(state.resolve("state.json")).exists();
  }

  @Test
  void leavesItToRuncWhenThereArePoststopHooksOrNoRuncState() throws Exception {
    Path a = Files.createDirectories(dir.resolve("unified/c"));
    Path state = state(a.toString(), a.toString(), "[{\"path\": \"/bin/true\"}]");
    assertThat(RuncShortcuts.removeExited(state)).isFalse();
    assertThat(a).exists();
    assertThat(RuncShortcuts.removeExited(dir.resolve("nothing"))).isFalse();
  }

  @Test
  void startWithoutAnExecFifoIsRuncsAndADeadInitIsRuncsError() throws Exception {
    Path state = Files.createDirectories(dir.resolve("state"));
    assertThat(RuncShortcuts.start(state, () -> true)).isFalse();
    io.wharf.sys.FileSystemCalls.mkfifo(state.resolve("exec.fifo"), 0600);
    assertThatThrownBy(() -> RuncShortcuts.start(state, () -> false))
        .isInstanceOf(SystemError.class).hasMessage("container process is already dead");
  }
}
