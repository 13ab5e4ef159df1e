package io.wharf.engine.container.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.wharf.oci.errors.SystemError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code docker top}: the host's {@code ps} output reduced to the processes of a container's
 * cgroup, as dockerd does it ({@code daemon/top_unix.go}). The container's processes are those
 * whose {@code /proc/<pid>/cgroup} names its cgroup or one below it; ps is asked for them only
 * ({@code -q pid,…}), and, when its options refuse {@code -q}, for every process, the lines of
 * others dropped. Thread-safe (stateless).
 *
 * <p>Example: {@code top("/wharf-0123456789ab/<id>", "")} runs {@code ps -ef -q4242,4250} and
 * answers {@code Titles [UID, PID, PPID, C, STIME, TTY, TIME, CMD]} with one row per process,
 * the overhanging words of the last column joined by spaces ({@code [root, 4242, 4230, 0,
 * 10:00, ?, 00:00:00, sleep 100]}).
 */
public final class ProcessTable {
  /** The answer of {@code GET /containers/{id}/top}: ps's column titles, and a row per process. */
  public record Top(@JsonProperty("Titles") List<String> titles, @JsonProperty("Processes") List<List<String>> processes) {}

  /** Runs ps with arguments: its output, or a {@link PsFailure} with the first line of its stderr. */
  @FunctionalInterface
  interface Ps {
    String run(List<String> args) throws PsFailure;
  }

  /** ps exited with an error. */
  static final class PsFailure extends Exception {
    PsFailure(String message) {
      super(message, null, false, false);
    }
  }

  private final Path procRoot;
  private final Ps ps;

  ProcessTable(Path procRoot, Ps ps) {
    this.procRoot = procRoot;
    this.ps = ps;
  }

  /** The host's processes and its {@code ps}. */
  public static ProcessTable host() {
    return new ProcessTable(Path.of("/proc"), ProcessTable::runPs);
  }

  /** The pids of the processes in {@code cgroupsPath} or below it, in any hierarchy, in order. */
  public List<Long> pids(String cgroupsPath) {
    Set<Long> pids = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path entry : entries) {
        if (inCgroup(CgroupFiles.text(entry.resolve("cgroup")), cgroupsPath)) {
          pids.add(Long.parseLong(entry.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new SystemError("cannot list processes: " + e.getMessage(), e);
    }
    return List.copyOf(pids);
  }

  /** Whether a {@code /proc/<pid>/cgroup} text ({@code 4:memory:/wharf-…/<id>} lines) puts the process in {@code cgroupsPath}. */
  static boolean inCgroup(String procCgroup, String cgroupsPath) {
    for (String line : procCgroup.split("\n")) {
      String[] parts = line.split(":", 3);
      if (parts.length == 3 && (parts[2].equals(cgroupsPath) || parts[2].startsWith(cgroupsPath + "/"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The container's processes as ps shows them with {@code psArgs} ({@code -ef} when empty);
   * SystemError {@code ps: <why>} when ps fails, or when its output has no PID column.
   */
  public Top top(String cgroupsPath, String psArgs) {
    boolean custom = psArgs != null && !psArgs.isEmpty();
    List<String> args = new ArrayList<>(PsArguments.split(custom ? psArgs : "-ef"));
    boolean pidColumnAdded = custom && PsArguments.customFields(args);
    if (pidColumnAdded) {
      args.addFirst("-opid");
    }
    List<Long> pids = pids(cgroupsPath);
    String output;
    try {
      List<String> quick = new ArrayList<>(args);
      quick.add("-q" + String.join(",", pids.stream().map(String::valueOf).toList()));
      output = ps.run(quick);
    } catch (PsFailure first) {
      // some options (f, -C) cannot go with -q: every process then, filtered below
      try {
        output = ps.run(args);
      } catch (PsFailure e) {
        throw new SystemError("ps: " + e.getMessage());
      }
    }
    return parse(output, Set.copyOf(pids), pidColumnAdded);
  }

  /**
   * ps's output reduced to the lines of {@code pids}: the header's words are the titles; a row
   * has as many cells as titles, the words beyond joined into the last. A thread line (its PID
   * {@code -}, with ps's {@code m}) goes with the process above it. With {@code pidColumnAdded},
   * the first column is the PID dockerd asked for and is dropped.
   */
  static Top parse(String output, Set<Long> pids, boolean pidColumnAdded) {
    String[] lines = output.split("\n");
    List<String> titles = new ArrayList<>(fields(lines[0]));
    int pidIndex = pidColumnAdded ? (titles.isEmpty() || !titles.getFirst().equals("PID") ? -1 : 0)
        : titles.indexOf("PID");
    if (pidIndex < 0) {
      throw new SystemError("Couldn't find PID field in ps output");
    }
    int firstColumn = pidColumnAdded ? 1 : 0;
    titles = titles.subList(firstColumn, titles.size());
    List<List<String>> processes = new ArrayList<>();
    boolean previousWasOurs = false;
    for (int i = 1; i < lines.length; i++) {
      List<String> fields = fields(lines[i]);
      if (fields.isEmpty()) {
        continue;
      }
      String pid = pidIndex < fields.size() ? fields.get(pidIndex) : "";
      if (pid.equals("-")) {
        if (previousWasOurs) {
          processes.add(row(fields.subList(firstColumn, fields.size()), titles.size()));
        }
        continue;
      }
      long p;
      try {
        p = Long.parseLong(pid);
      } catch (NumberFormatException e) {
        throw new SystemError("Unexpected pid '" + pid + "': strconv.Atoi: parsing \"" + pid + "\": invalid syntax");
      }
      previousWasOurs = pids.contains(p);
      if (previousWasOurs) {
        processes.add(row(fields.subList(firstColumn, fields.size()), titles.size()));
      }
    }
    // Docker's list is nil, hence null, when no process matched
    return new Top(List.copyOf(titles), processes.isEmpty() ? null : processes);
  }

  private static List<String> row(List<String> fields, int columns) {
    if (columns == 0 || fields.size() <= columns) {
      return List.copyOf(fields);
    }
    List<String> row = new ArrayList<>(fields.subList(0, columns - 1));
    row.add(String.join(" ", fields.subList(columns - 1, fields.size())));
    return row;
  }

  /** Words split at ASCII white space only, as dockerd splits them (a command may hold other spaces). */
  private static List<String> fields(String line) {
    List<String> words = new ArrayList<>();
    for (String word : line.split("[\\t\\n\\f\\r ]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private static String runPs(List<String> args) throws PsFailure {
    List<String> command = new ArrayList<>();
    command.add("ps");
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      // stderr read alongside stdout, so that neither pipe fills while the other is read
      var stderr = new java.util.concurrent.CompletableFuture<String>();
      Thread.ofVirtual().start(() -> {
        try {
          stderr.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          stderr.complete("");
        }
      });
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        String why = stderr.join().split("\n", 2)[0];
        throw new PsFailure(why.isEmpty() ? "exit status " + process.exitValue() : why);
      }
      return out;
    } catch (IOException e) {
      throw new PsFailure(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PsFailure("interrupted");
    }
  }
}
