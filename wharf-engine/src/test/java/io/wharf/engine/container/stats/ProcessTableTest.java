package io.wharf.engine.container.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.errors.SystemError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTableTest {
  private static final String CGROUP = "/wharf-0123456789ab/c0ffee";
  private static final String PS_EF = """
      UID          PID    PPID  C STIME TTY          TIME CMD
      root           1       0  0 09:00 ?        00:00:01 /sbin/init splash
      root        4242    4230  0 10:00 ?        00:00:00 sleep 100
      root        4250    4242  0 10:01 pts/0    00:00:00 /bin/sh -c echo  hi
      """;

  @TempDir Path proc;

  @Test
  void keepsTheHeaderAndTheContainersLinesWithTheCommandInOneCell() {
    ProcessTable.Top top = ProcessTable.parse(PS_EF, Set.of(4242L, 4250L), false);

    assertThat(top.titles()).containsExactly("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");
    assertThat(top.processes()).containsExactly(
        List.of("root", "4242", "4230", "0", "10:00", "?", "00:00:00", "sleep 100"),
        List.of("root", "4250", "4242", "0", "10:01", "pts/0", "00:00:00", "/bin/sh -c echo hi"));
  }

  @Test
  void noProcessOfTheContainerIsNullAsInDocker() {
    assertThat(ProcessTable.parse(PS_EF, Set.of(7L), false).processes()).isNull();
  }

  @Test
  void threadLinesFollowTheirProcess() {
    String psM = """
          PID TTY      STAT   TIME COMMAND
            1 ?        -      0:01 /sbin/init
            - -        Ss     0:01 -
         4242 ?        -      0:00 sleep 100
            - -        S      0:00 -
      """;

    assertThat(ProcessTable.parse(psM, Set.of(4242L), false).processes()).containsExactly(
        List.of("4242", "?", "-", "0:00", "sleep 100"), List.of("-", "-", "S", "0:00", "-"));
  }

  @Test
  void thePidColumnDockerAddsIsDropped() {
    String output = """
        PID COMMAND         USER
          1 init            root
       4242 sleep           nobody
      """;

    ProcessTable.Top top = ProcessTable.parse(output, Set.of(4242L), true);

    assertThat(top.titles()).containsExactly("COMMAND", "USER");
    assertThat(top.processes()).containsExactly(List.of("sleep", "nobody"));
  }

  @Test
  void outputWithoutPidIsAnError() {
    assertThatThrownBy(() -> ProcessTable.parse("USER COMMAND\nroot init\n", Set.of(1L), false))
        .isInstanceOf(SystemError.class).hasMessage("Couldn't find PID field in ps output");
  }

  @Test
  void theContainersProcessesAreThoseOfItsCgroupAndBelow() throws IOException {
    process(1, "0::/init.scope\n");
    process(4242, "4:memory:" + CGROUP + "\n1:cpu:" + CGROUP + "\n0::" + CGROUP + "\n");
    process(4250, "0::" + CGROUP + "/nested\n");
    process(4300, "0::" + CGROUP + "2\n");
    Files.createDirectories(proc.resolve("self"));

    assertThat(new ProcessTable(proc, args -> "").pids(CGROUP)).containsExactly(4242L, 4250L);
  }

  @Test
  void psIsAskedForTheContainersPidsAndAskedAgainWithoutWhenItRefuses() throws IOException {
    process(4242, "0::" + CGROUP + "\n");
    process(4250, "0::" + CGROUP + "\n");
    List<List<String>> calls = new ArrayList<>();
    ProcessTable table = new ProcessTable(proc, args -> {
      calls.add(args);
      if (args.getLast().startsWith("-q")) {
        throw new ProcessTable.PsFailure("error: unsupported option (BSD syntax)");
      }
      return PS_EF;
    });

    ProcessTable.Top top = table.top(CGROUP, "");

    assertThat(calls).containsExactly(List.of("-ef", "-q4242,4250"), List.of("-ef"));
    assertThat(top.processes()).hasSize(2);
  }

  @Test
  void customColumnsGetThePidFirst() throws IOException {
    process(4242, "0::" + CGROUP + "\n");
    List<List<String>> calls = new ArrayList<>();
    ProcessTable table = new ProcessTable(proc, args -> {
      calls.add(args);
      return "  PID COMMAND\n 4242 sleep\n";
    });

    ProcessTable.Top top = table.top(CGROUP, "-o comm");

    assertThat(calls).containsExactly(List.of("-opid", "-o", "comm", "-q4242"));
    assertThat(top.titles()).containsExactly("COMMAND");
    assertThat(top.processes()).containsExactly(List.of("sleep"));
  }

  @Test
  void aFailingPsIsASystemErrorWithItsFirstLine() {
    ProcessTable table = new ProcessTable(proc, args -> {
      throw new ProcessTable.PsFailure("error: unknown user-defined format specifier \"bogus\"");
    });

    assertThatThrownBy(() -> table.top(CGROUP, "-o bogus")).isInstanceOf(SystemError.class)
        .hasMessage("ps: error: unknown user-defined format specifier \"bogus\"");
  }

  @Test
  void customFieldsAreFoundInEveryPsSyntax() {
    assertThat(custom("-ef")).isFalse();
    assertThat(custom("aux")).isFalse();
    assertThat(custom("-o pid,comm")).isTrue();
    assertThat(custom("-eo pid")).isTrue();
    assertThat(custom("o pid")).isTrue();
    assertThat(custom("efocmd")).isTrue();
    assertThat(custom("--format=pid")).isTrue();
    assertThat(custom("-C ocmd")).as("ocmd is -C's value").isFalse();
    assertThat(custom("eUocmd")).as("ocmd is U's value").isFalse();
    assertThat(custom("--user otto")).isFalse();
    assertThat(custom("-p 1 ocmd")).isTrue();
  }

  /** The host's ps, for real, on this JVM's own cgroup (its memory cgroup on v1). */
  @Test
  void theHostsPsListsThisJvmInItsCgroup() throws IOException {
    String cgroup = null;
    for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
      String[] parts = line.split(":", 3);
      if (List.of(parts[1].split(",")).contains("memory") || (cgroup == null && parts[0].equals("0"))) {
        cgroup = parts[2];
      }
    }
    org.assertj.core.api.Assumptions.assumeThat(cgroup).isNotNull().isNotEqualTo("/");
    String pid = Long.toString(ProcessHandle.current().pid());

    ProcessTable.Top top = ProcessTable.host().top(cgroup, "");
    ProcessTable.Top custom = ProcessTable.host().top(cgroup, "-o pid,comm");

    assertThat(top.titles()).contains("PID", "CMD");
    assertThat(top.processes()).anySatisfy(row -> assertThat(row.get(top.titles().indexOf("PID"))).isEqualTo(pid));
    assertThat(custom.titles()).containsExactly("PID", "COMMAND");
    assertThat(custom.processes()).anySatisfy(row -> assertThat(row).containsExactly(pid, "java"));
  }

  private static boolean custom(String psArgs) {
    return PsArguments.customFields(PsArguments.split(psArgs));
  }

  private void process(long pid, String cgroup) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(dir.resolve("cgroup"), cgroup);
  }
}
