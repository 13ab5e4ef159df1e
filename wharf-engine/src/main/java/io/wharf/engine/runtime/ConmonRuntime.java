package io.wharf.engine.runtime;

import io.wharf.oci.Json;
import io.wharf.oci.errors.SystemError;
import io.wharf.oci.runtime.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Containers under conmon and an OCI runtime (runc by default, any by path): conmon runs
 * {@code runc create}, holds the container's stdio, writes its log ({@code k8s-file}) and its
 * exit file, and outlives wharfd. The runtime's state lives under the daemon's exec root
 * ({@code --root}), apart from any other runc user such as Docker.
 *
 * <p>Lifecycle: {@link #writeBundle} → {@link #create} (the process exists, stopped before
 * its program) → {@link #start} → {@link #exitCode} completes → {@link #deleteExited} (or {@link #delete}, killing it first).
 * Thread-safe.
 */
public final class ConmonRuntime implements AutoCloseable {
  private final Map<String, OciRuntime> runtimes = new LinkedHashMap<>();
  private final String defaultName;
  private final Path conmon;
  private final Path exitDir;
  private final ExitWatcher exits;

  /**
   * @param runtime the OCI runtime binary ({@code /usr/sbin/runc})
   * @param conmon the conmon binary
   * @param execRoot the daemon's exec root: runtime state and exit files go below it
   */
  public ConmonRuntime(Path runtime, Path conmon, Path execRoot) throws IOException {
    this(Map.of("runc", runtime), "runc", conmon, execRoot);
  }

  /**
   * @param binaries the OCI runtimes by name ({@code runc}, {@code crun}), each a binary path
   * @param defaultName the runtime of containers that name none
   */
  public ConmonRuntime(Map<String, Path> binaries, String defaultName, Path conmon, Path execRoot) throws IOException {
    if (!binaries.containsKey(defaultName)) {
      throw new io.wharf.oci.errors.InvalidArgument("the default runtime " + defaultName + " is not configured");
    }
    for (var entry : binaries.entrySet()) {
      // runc's state keeps the first layout (runtime/), so that containers survive an upgrade
      Path state = Files.createDirectories(execRoot.resolve(
          entry.getKey().equals("runc") ? "runtime" : "runtime-" + entry.getKey()));
      runtimes.put(entry.getKey(), new OciRuntime(entry.getKey(), entry.getValue(), state));
    }
    this.defaultName = defaultName;
    this.conmon = conmon;
    this.exitDir = execRoot.resolve("exits");
    this.exits = new ExitWatcher(exitDir);
  }

  /** An OCI runtime: its name, binary and state directory ({@code --root}). */
  public record OciRuntime(String name, Path binary, Path stateRoot) {}

  /** The runtime called {@code name} (null or empty: the default); Docker's error for an unknown one. */
  public OciRuntime named(String name) {
    OciRuntime found = runtimes.get(name == null || name.isEmpty() ? defaultName : name);
    if (found == null) {
      throw new io.wharf.oci.errors.InvalidArgument("unknown or invalid runtime name: " + name);
    }
    return found;
  }

  /** Every configured runtime by name. */
  public Map<String, OciRuntime> runtimes() {
    return java.util.Collections.unmodifiableMap(runtimes);
  }

  public String defaultRuntime() {
    return defaultName;
  }

  /** Writes {@code spec} as the bundle's config.json. */
  public static void writeBundle(Path bundle, Spec spec) throws IOException {
    Files.createDirectories(bundle);
    Files.write(bundle.resolve("config.json"), Json.MAPPER.writeValueAsBytes(spec));
  }

  /**
   * Creates container {@code id} from {@code bundle} under a new conmon, logging to
   * {@code log}; returns the container's pid once runc has created it. conmon reports on a
   * sync pipe ({@code _OCI_SYNCPIPE}): a named pipe in the bundle, which a shell opens as fd 3
   * before it becomes conmon (exec: no extra process remains). Not the child's stdout: conmon's
   * first process exits at once, and the JDK then drains and closes that pipe under us.
   */
  public long create(String id, Path bundle, Path log, boolean terminal, boolean stdin) throws IOException {
    return create(named(null), id, bundle, log, terminal, stdin);
  }

  /** As {@link #create(String, Path, Path, boolean, boolean)} under the runtime {@code rt}. */
  public long create(OciRuntime rt, String id, Path bundle, Path log, boolean terminal, boolean stdin)
      throws IOException {
    return create(rt, id, bundle, log, terminal, stdin, 0);
  }

  /**
   * As above, with conmon keeping the log under {@code logSizeMax} bytes when positive
   * ({@code --log-opt max-size}): past it, conmon starts the log again.
   */
  public long create(OciRuntime rt, String id, Path bundle, Path log, boolean terminal, boolean stdin, long logSizeMax)
      throws IOException {
    Path runtime = rt.binary();
    Path runtimeRoot = rt.stateRoot();
    for (Path binary : List.of(conmon, runtime)) {
      if (!Files.isExecutable(binary)) {
        throw new io.wharf.oci.errors.Unavailable(binary + " is not installed: apt-get install "
            + binary.getFileName() + " (bin/quickstart does)");
      }
    }
    Path fifo = bundle.resolve("sync.fifo");
    Files.deleteIfExists(fifo);
    io.wharf.sys.FileSystemCalls.mkfifo(fifo, 0600);
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "exec 3>\"$0\"; exec \"$@\"", fifo.toString(),
        conmon.toString(), "--api-version", "1", "-c", id, "-u", id, "-n", id,
        "-r", runtime.toString(), "-b", bundle.toString(), "-p", bundle.resolve("pidfile").toString(),
        "-P", bundle.resolve("conmon.pid").toString(), "--exit-dir", exitDir.toString(),
        "-l", "k8s-file:" + log, "--full-attach", "--socket-dir-path", bundle.toString(),
        "--persist-dir", bundle.toString(), // conmon's "oom" marker goes there, not into its working directory
        "--runtime-arg", "--root", "--runtime-arg", runtimeRoot.toString(),
        "--runtime-arg", "--log-format=json", "--runtime-arg", "--log", "--runtime-arg", bundle.resolve("runtime.log").toString()));
    if (terminal) {
      command.add("--terminal");
    }
    if (logSizeMax > 0) {
      command.add("--log-size-max");
      command.add(Long.toString(logSizeMax));
    }
    if (stdin) {
      command.add("--stdin");
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(bundle.toFile()) // conmon writes some files (its "oom" marker) where it runs
        .redirectError(ProcessBuilder.Redirect.appendTo(bundle.resolve("conmon.log").toFile()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("_OCI_SYNCPIPE", "3");
    builder.start();
    InputStream sync = Files.newInputStream(fifo); // meets the shell's open for writing
    Files.delete(fifo); // both ends are open: the name is no longer needed
    String message = readMessage(sync);
    // conmon writes once more on the pipe when the container exits: keep draining it, or it
    // would write into a closed pipe; the exit itself is read from the exit file
    // a platform thread: a blocking read of a pipe pins a virtual thread's carrier, and a few
    // such readers starve every other request of the daemon
    Thread.ofPlatform().daemon().name("conmon-sync-" + id.substring(0, Math.min(12, id.length())))
        .stackSize(64 * 1024).start(() -> {
      try (sync) {
        sync.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException e) {
        // conmon went away
      }
    });
    long pid = pidOf(message);
    if (pid <= 0) {
      String reason = failure(message, bundle);
      try {
        run(rt, List.of("delete", "--force", id)); // whatever runc made of it, nothing may linger
      } catch (IOException | RuntimeException e) {
        // nothing was created
      }
      throw new SystemError("cannot create container " + id + ": " + reason);
    }
    return pid;
  }

  /**
   * Connects to conmon's attach socket of the container in {@code bundle}: what is sent goes to
   * the container's stdin (or terminal); ending the output ends its stdin.
   */
  public ConmonAttach attach(Path bundle) throws IOException {
    return ConmonAttach.connect(bundle.resolve("attach"));
  }

  /** Resizes the container's terminal, through conmon's control FIFO. */
  public void resize(Path bundle, int height, int width) throws IOException {
    Path ctl = bundle.resolve("ctl");
    if (!Files.exists(ctl)) {
      throw new io.wharf.oci.errors.Conflict("the container is not running");
    }
    // conmon keeps the FIFO open for reading and writing: this open does not block
    Files.writeString(ctl, "1 " + height + " " + width + "\n", java.nio.file.StandardOpenOption.WRITE);
  }

  /**
   * Starts {@code process} (a runtime-spec process JSON file) in running container {@code id}:
   * {@code runc exec} stays the process's parent, forwards signals, and exits with its exit
   * code (128+N after signal N). The runtime's own errors go to {@code log} (JSON lines), not
   * to the process's stderr.
   */
  public Process exec(OciRuntime rt, String id, Path process, Path log) throws IOException {
    return new ProcessBuilder(List.of(rt.binary().toString(), "--root", rt.stateRoot().toString(), "--log", log.toString(),
        "--log-format", "json", "exec", "--process", process.toString(), id)).start();
  }

  /**
   * As {@link #exec}, with the terminal at {@code slave} (a pty's) as the runtime's stdio and
   * controlling terminal: with a terminal in the process spec, runc gives the process a
   * terminal of the container's and copies between the two, resizing it on SIGWINCH.
   */
  public Process execWithTerminal(OciRuntime rt, String id, Path process, Path log, Path slave) throws IOException {
    return new ProcessBuilder(List.of("/bin/sh", "-c", "exec setsid --ctty \"$@\" <\"$0\" >\"$0\" 2>&1",
        slave.toString(), rt.binary().toString(), "--root", rt.stateRoot().toString(), "--log", log.toString(),
        "--log-format", "json", "exec", "--process", process.toString(), id))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** The last error the runtime logged in {@code log} (JSON lines), or "". */
  public static String lastError(Path log) {
    try {
      return lastMessage(log, true);
    } catch (IOException e) {
      return "";
    }
  }

  /** The {@code msg} of the runtime's last JSON log line that has one (of level error only, if asked), or "". */
  private static String lastMessage(Path log, boolean errorsOnly) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log);
    for (int i = lines.size() - 1; i >= 0; i--) {
      var node = Json.MAPPER.readTree(lines.get(i));
      String msg = node.path("msg").asText("");
      if (errorsOnly ? "error".equals(node.path("level").asText()) : !msg.isEmpty()) {
        return msg;
      }
    }
    return "";
  }

  /** Lets the created container run its program. */
  public void start(String id) throws IOException {
    start(named(null), id);
  }

  public void start(OciRuntime rt, String id) throws IOException {
    // runc's start, done here: its init gave no sign of life until now, only conmon's exit file
    // tells that it died waiting
    if (!RuncShortcuts.start(rt.stateRoot().resolve(id), () -> !exits.exitCode(id).isDone())) {
      run(rt, List.of("start", id));
    }
  }

  /** Sends {@code signal} ({@code TERM}, {@code KILL}, {@code 9}) to the container's first process. */
  public void kill(String id, String signal) throws IOException {
    kill(named(null), id, signal);
  }

  public void kill(OciRuntime rt, String id, String signal) throws IOException {
    run(rt, List.of("kill", id, signal));
  }

  /** Freezes every process of the container ({@code docker pause}: the cgroup freezer). */
  public void pause(OciRuntime rt, String id) throws IOException {
    run(rt, List.of("pause", id));
  }

  /** Thaws the container's processes ({@code docker unpause}). */
  public void resume(OciRuntime rt, String id) throws IOException {
    run(rt, List.of("resume", id));
  }

  /** Changes the limits of a running container: {@code runc update} with its flags ({@code --memory}, …). */
  public void update(OciRuntime rt, String id, List<String> flags) throws IOException {
    List<String> args = new ArrayList<>(List.of("update"));
    args.addAll(flags);
    args.add(id);
    run(rt, args);
  }

  /** Deletes the runtime's record of the container (killing it first when {@code force}). */
  public void delete(String id, boolean force) throws IOException {
    delete(named(null), id, force);
  }

  public void delete(OciRuntime rt, String id, boolean force) throws IOException {
    // the runtime keeps a container's state in <root>/<id>: without it there is nothing to
    // delete, and no runc process to spawn (rm after the exit's clean-up, rm of one never started)
    if (Files.exists(rt.stateRoot().resolve(id))) {
      run(rt, force ? List.of("delete", "--force", id) : List.of("delete", id));
    }
    exits.forget(id);
  }

  /**
   * Deletes the runtime's record of container {@code id}, whose process exited (conmon said so):
   * runc's part done here when runc's state allows it, {@code runc delete --force} otherwise.
   */
  public void deleteExited(OciRuntime rt, String id) throws IOException {
    Path state = rt.stateRoot().resolve(id);
    if (Files.exists(state) && !RuncShortcuts.removeExited(state)) {
      run(rt, List.of("delete", "--force", id));
    }
    exits.forget(id);
  }

  /** Completes with the container's exit code: 128+N after a death by signal N, as Docker reports it. */
  public CompletableFuture<Integer> exitCode(String id) {
    return exits.exitCode(id);
  }

  private void run(OciRuntime rt, List<String> args) throws IOException {
    Path runtime = rt.binary();
    List<String> command = new ArrayList<>(List.of(runtime.toString(), "--root", rt.stateRoot().toString()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    try {
      if (process.waitFor() != 0) {
        throw new SystemError(runtime.getFileName() + " " + String.join(" ", args) + ": " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command, e);
    }
  }

  /** One JSON object from conmon's sync pipe: {@code {"data": pid}} or {@code {"data": -1, "message": …}}. */
  private static String readMessage(InputStream sync) throws IOException {
    StringBuilder text = new StringBuilder();
    int depth = 0;
    int c;
    while ((c = sync.read()) >= 0) {
      text.append((char) c);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        break;
      }
    }
    return text.toString();
  }

  private static long pidOf(String message) {
    try {
      return message.isBlank() ? -1 : Json.MAPPER.readTree(message).path("data").asLong(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  /** What went wrong, from conmon's message or the runtime's JSON log. */
  private static String failure(String message, Path bundle) throws IOException {
    try {
      String text = message.isBlank() ? "" : Json.MAPPER.readTree(message).path("message").asText("");
      if (!text.isEmpty()) {
        return text;
      }
    } catch (IOException e) {
      // fall through to the runtime's log
    }
    String msg = lastMessage(bundle.resolve("runtime.log"), false);
    if (!msg.isEmpty()) {
      return msg;
    }
    return "conmon gave no reason (see " + bundle.resolve("conmon.log") + ")";
  }

  @Override
  public void close() throws IOException {
    exits.close();
  }
}
