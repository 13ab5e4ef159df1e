package io.wharf.engine.container;

import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The containers of one engine, as {@code docker container …} sees them. Names: an ID, a
 * unique ID prefix, or a name (with or without Docker's leading slash); no match throws
 * {@code NotFound("No such container: x")}. Thread-safe.
 */
public interface ContainerService {
  /** {@code docker create}: the record, the writable layer; nothing runs yet. */
  Container create(CreateRequest request);

  /** {@code docker start}: mounts the root file system and runs the process; NotModified when running. */
  void start(String name);

  /**
   * {@code docker wait}: completes with the exit code when the condition holds —
   * {@code not-running} (now, if it is not running), {@code next-exit}, {@code removed}.
   */
  CompletableFuture<Integer> waitFor(String name, String condition);

  /**
   * {@code docker stop}: the stop signal, then SIGKILL after {@code timeoutSeconds} (negative:
   * the container's StopTimeout, else 10); NotModified when not running.
   */
  void stop(String name, int timeoutSeconds);

  /** {@code docker kill}: {@code signal} as a name ({@code TERM}, {@code SIGKILL}) or number. */
  void kill(String name, String signal);

  /** {@code docker pause}: freezes the container's processes. Conflict when not running or already paused. */
  void pause(String name);

  /** {@code docker unpause}. */
  void unpause(String name);

  /**
   * {@code docker update}: the non-zero fields of {@code limits} replace the container's (live
   * when it runs); {@code restartPolicy} (or null) replaces its policy.
   */
  void update(String name, Limits limits, String restartPolicy, Integer maxRetries);

  /** {@code docker rm}: refuses a running container unless {@code force}. */
  void remove(String name, boolean force);

  /** {@code docker rm [-f] [-v]}: with {@code removeVolumes}, its anonymous volumes go too. */
  void remove(String name, boolean force, boolean removeVolumes);

  List<Container> list(boolean all);

  /** {@code docker ps --filter}: see {@code ContainerFilters} for the keys. */
  List<Container> list(boolean all, java.util.Map<String, List<String>> filters);

  /** {@code docker restart}: stop (as {@link #stop}) when running, then start. */
  void restart(String name, int timeoutSeconds);

  /** {@code docker rename}. */
  void rename(String name, String newName);

  /** {@code docker container prune}: removes stopped containers matching {@code filters}. */
  PruneResult prune(java.util.Map<String, List<String>> filters);

  /** {@code docker diff}: the paths of the writable layer, each Added, Changed or Deleted. */
  List<Change> changes(String name);

  /**
   * Runs {@code work} on the container's file system as its processes see it, volumes and bind
   * mounts included: a running container's through {@code /proc/<pid>/root}, a stopped one's
   * mounted for the while ({@code docker cp}).
   */
  <T> T onFilesystem(String name, FilesystemWork<T> work);

  /** Work on a container's root directory. */
  @FunctionalInterface
  interface FilesystemWork<T> {
    T run(java.nio.file.Path root, Container container) throws java.io.IOException;
  }

  /** {@code docker export}: the container's file system as a tar stream. */
  void export(String name, java.io.OutputStream out);

  /**
   * {@code docker commit}: a new image of the container's image plus its changes; returns its ID.
   *
   * @param reference {@code repo[:tag]} or null
   * @param changes Dockerfile instructions applied to the config
   */
  String commit(String name, String reference, String comment, String author, List<String> changes);

  /**
   * Commits the container's changes as one layer on its image, with {@code request}'s config and
   * history entry ({@code request.parentImage()} is ignored: the parent is the container's image).
   * The builder commits its RUN steps this way.
   */
  io.wharf.engine.image.Image commit(String name, io.wharf.engine.image.CommitRequest request);

  /** One path of {@code docker diff}: {@code kind} 0 changed, 1 added, 2 deleted (Docker's numbers). */
  record Change(String path, int kind) {}

  /** What a prune removed and the bytes it freed. */
  record PruneResult(List<String> deleted, long spaceReclaimed) {}

  Container get(String name);

  /**
   * Writes the container's output as it was logged, stdout and stderr apart
   * ({@link LogSink}), following new output until the container stops when {@code follow}.
   */
  void logs(String name, LogOptions options, LogSink sink);

  /** {@code [SizeRw, SizeRootFs]}: the bytes of its writable layer, and those plus its image's. */
  long[] sizes(String name);

  /** Where the container's log is (conmon's k8s-file), for inspect's {@code LogPath}. */
  String logPath(String name);

  /** The size of the container's log now: where an attach that wants no past output begins. */
  long logSize(String name);

  /**
   * The container's stdin (its terminal's input with a tty), waiting until it has started;
   * null when it was not created with {@code OpenStdin}.
   */
  Stdin stdin(String name);

  /** Resizes the container's terminal. */
  void resize(String name, int height, int width);

  /** {@code docker exec} create: a session to start; Conflict when the container is not running. */
  ExecSession execCreate(String name, ExecRequest request);

  /** An exec session by ID; NotFound "No such exec instance". */
  ExecSession exec(String execId);

  /**
   * Starts an exec session: {@code stdin} (or null) goes to its process, its output to
   * {@code sink} until it exits; returns the exit code (126 when the command cannot be run).
   * With {@code detach} it returns once the process runs.
   */
  int execStart(String execId, java.io.InputStream stdin, LogSink sink, boolean detach);

  /** Resizes the terminal of a running exec session started with a tty. */
  void execResize(String execId, int height, int width);

  /** A running container's stdin, shared by every client attached to it. */
  interface Stdin {
    void write(byte[] bytes, int offset, int length) throws java.io.IOException;

    /** Closes the container's stdin: its process reads end of file. */
    void end() throws java.io.IOException;
  }

  /** Where log lines go: {@code stream} 1 is stdout, 2 stderr. */
  @FunctionalInterface
  interface LogSink {
    void write(int stream, byte[] bytes) throws java.io.IOException;

    /**
     * Writes {@code bytes[offset, offset + length)}, which the caller reuses once this returns
     * (the sink copies what it keeps): a reader of a large log need not allocate per chunk.
     */
    default void write(int stream, byte[] bytes, int offset, int length) throws java.io.IOException {
      write(stream, java.util.Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** True once the reader has gone away: following stops even while there is nothing to write. */
    default boolean gone() {
      return false;
    }
  }

  /** A sink writing only the bytes, for a terminal. */
  static LogSink raw(OutputStream out) {
    return (stream, bytes) -> out.write(bytes);
  }
}
