package io.wharf.engine.container;

import io.wharf.engine.runtime.Capabilities;
import io.wharf.engine.runtime.ConmonRuntime;
import io.wharf.oci.Digest;
import io.wharf.oci.Json;
import io.wharf.oci.errors.Conflict;
import io.wharf.oci.errors.NotFound;
import io.wharf.oci.errors.SystemError;
import io.wharf.oci.runtime.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exec sessions of a daemon's containers: each runs as {@code runc exec} beside the
 * container's first process, a child of wharfd whose pipes carry its stdio, or with
 * {@code -t} a pseudo-terminal wharfd holds (runc gives the process one of the container's
 * and copies between them). Sessions are kept in memory and dropped with their container.
 * Thread-safe.
 */
final class Execs {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Execs.class.getName());
  private final ConmonRuntime runtime;
  private final Path root;
  private final Map<String, ExecSession> sessions = new ConcurrentHashMap<>();

  Execs(ConmonRuntime runtime, Path root) {
    this.runtime = runtime;
    this.root = root;
  }

  ExecSession create(Container c, ExecRequest request) {
    if (c.state() != ContainerState.RUNNING) {
      throw new Conflict("container " + c.id() + " is not running");
    }
    if (request.cmd() == null || request.cmd().isEmpty()) {
      throw new io.wharf.oci.errors.InvalidArgument("No exec command specified");
    }
    String id = Digest.of(java.util.UUID.randomUUID().toString().getBytes()).hex();
    ExecSession session = new ExecSession(id, c.id(), request);
    sessions.put(id, session);
    return session;
  }

  ExecSession get(String id) {
    ExecSession s = sessions.get(id);
    if (s == null) {
      throw new NotFound("No such exec instance: " + id);
    }
    return s;
  }

  /** Drops the sessions of a removed container. */
  void forget(String containerId) {
    sessions.values().removeIf(s -> s.containerId().equals(containerId));
  }

  /**
   * Runs the session: {@code stdin} (or null) is copied to the process, its output goes to
   * {@code sink} until it exits; returns its exit code. With {@code detach} it returns at once.
   */
  int start(Container c, ExecSession session, InputStream stdin, ContainerService.LogSink sink, boolean detach) {
    if (!session.begin()) {
      throw new Conflict("Error: Exec command " + session.id() + " has already run");
    }
    if (c.state() != ContainerState.RUNNING) {
      throw new Conflict("Container " + c.id() + " is not running");
    }
    ExecRequest request = session.request();
    Path dir = root.resolve(c.id());
    Path processFile = dir.resolve("exec-" + session.id() + ".json");
    Path log = dir.resolve("exec-" + session.id() + ".log");
    Process process;
    io.wharf.sys.Pty pty = null;
    StartTimes times = new StartTimes();
    try {
      String user = request.user() == null || request.user().isEmpty() ? c.user() : request.user();
      long[] ids = UserLookup.resolve(user, List.of(dir.resolve("rootfs")));
      Map<String, String> env = EnvVars.merge(c.env(), request.env());
      String cwd = request.workingDir() != null && !request.workingDir().isEmpty() ? request.workingDir()
          : c.workingDir().isEmpty() ? "/" : c.workingDir();
      RunSettings settings = c.settings();
      List<String> caps = Capabilities.of(settings.capAdd(), settings.capDrop(),
          settings.privileged() || request.privileged());
      if (request.tty()) {
        env.putIfAbsent("TERM", "TERM=xterm");
      }
      Spec.Process spec = new Spec.Process(request.tty(), new Spec.User(ids[0], ids[1], null), request.cmd(),
          new ArrayList<>(env.values()), cwd, new Spec.Capabilities(caps, caps, caps), settings.noNewPrivileges(),
          null, null);
      Files.write(processFile, Json.MAPPER.writeValueAsBytes(spec));
      if (request.tty()) {
        pty = io.wharf.sys.Pty.open();
        int[] size = session.consoleSize();
        if (size != null && size[0] > 0 && size[1] > 0) {
          pty.resize(size[0], size[1]); // runc gives the process's terminal the size of its own
        }
        session.terminal(pty);
        process = runtime.execWithTerminal(runtime.named(c.settings().runtime()), c.id(), processFile, log,
            pty.slave());
      } else {
        process = runtime.exec(runtime.named(c.settings().runtime()), c.id(), processFile, log);
      }
    } catch (IOException e) {
      closeQuietly(pty);
      throw new SystemError("cannot exec in container " + c.id() + ": " + e.getMessage(), e);
    }
    session.running(process.pid());
    times.mark("spawn");
    // platform threads: blocking pipe reads pin a virtual thread's carrier and starve the daemon
    var threads = Thread.ofPlatform().daemon().stackSize(256 * 1024);
    final io.wharf.sys.Pty terminal = pty;
    Thread input = threads.start(() -> copyInput(stdin, terminal != null ? terminal.output() : process.getOutputStream()));
    // runc prints its own "exec failed: …" on the stderr it shares with the process: held back
    // until the exit tells whether it was runc's (then Docker's message replaces it)
    java.util.concurrent.atomic.AtomicReference<byte[]> heldBack = new java.util.concurrent.atomic.AtomicReference<>();
    ContainerService.LogSink errorSink = detach ? null : new ContainerService.LogSink() {
      private boolean first = true;

      @Override
      public void write(int stream, byte[] bytes) throws IOException {
        if (first && new String(bytes, 0, Math.min(bytes.length, 13), java.nio.charset.StandardCharsets.UTF_8)
            .equals("exec failed: ")) {
          first = false;
          heldBack.set(bytes);
          return;
        }
        first = false;
        sink.write(stream, bytes);
      }
    };
    Thread errors = threads.start(() -> copyOutput(terminal != null ? InputStream.nullInputStream()
        : process.getErrorStream(), 2, errorSink));
    Thread output = threads.start(() -> copyOutput(terminal != null ? terminal.input() : process.getInputStream(), 1,
        detach ? null : sink));
    int code;
    try {
      output.join();
      errors.join();
      times.mark("output");
      code = process.waitFor();
      times.mark("exit");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      code = 130;
    }
    input.interrupt();
    closeQuietly(pty);
    String failure = code == 255 ? ConmonRuntime.lastError(log) : "";
    byte[] held = heldBack.get();
    if (held != null && !failure.startsWith("exec failed") && sink != null) {
      try {
        sink.write(2, held); // the process's own words after all
      } catch (IOException e) {
        // the client went away
      }
    }
    if (failure.startsWith("exec failed")) {
      // the command could not be run: Docker's message (on stdout, as Docker writes it) and 126
      code = 126;
      if (sink != null && !detach) {
        try {
          sink.write(1, ("OCI runtime exec failed: " + failure + ": unknown\r\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
          // the client went away
        }
      }
    }
    session.exited(code);
    LOG.fine(() -> "exec " + session.id() + " in " + c.id() + ": " + times);
    try {
      Files.deleteIfExists(processFile);
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // the container's directory goes with it
    }
    return code;
  }

  private static void closeQuietly(io.wharf.sys.Pty pty) {
    if (pty != null) {
      try {
        pty.close();
      } catch (IOException e) {
        // nothing left to do
      }
    }
  }

  private static void copyInput(InputStream stdin, java.io.OutputStream toProcess) {
    try (toProcess) {
      if (stdin != null) {
        stdin.transferTo(toProcess);
      }
    } catch (IOException e) {
      // the process exited or the client went away
    }
  }

  private static void copyOutput(InputStream from, int stream, ContainerService.LogSink sink) {
    byte[] buffer = new byte[32 * 1024];
    boolean clientGone = sink == null;
    try (from) {
      int n;
      while ((n = from.read(buffer)) >= 0) {
        if (!clientGone && n > 0) {
          try {
            sink.write(stream, java.util.Arrays.copyOf(buffer, n));
          } catch (IOException e) {
            clientGone = true; // keep draining so the process is not blocked
          }
        }
      }
    } catch (IOException e) {
      // the process went away
    }
  }
}
