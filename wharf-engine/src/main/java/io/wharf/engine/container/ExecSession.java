package io.wharf.engine.container;

/**
 * One {@code docker exec}: created, then started once, running, then exited with a code.
 * Exec sessions live in memory only, as in Docker. Thread-safe: the state fields are volatile
 * and change in one direction.
 */
public final class ExecSession {
  private final String id;
  private final String containerId;
  private final ExecRequest request;
  private volatile boolean started;
  private volatile boolean running;
  private volatile Integer exitCode;
  private volatile long pid;
  private volatile io.wharf.sys.Pty terminal;
  private volatile int[] consoleSize;

  ExecSession(String id, String containerId, ExecRequest request) {
    this.id = id;
    this.containerId = containerId;
    this.request = request;
  }

  public String id() {
    return id;
  }

  public String containerId() {
    return containerId;
  }

  public ExecRequest request() {
    return request;
  }

  public boolean running() {
    return running;
  }

  /** The exit code once it has exited, else null. */
  public Integer exitCode() {
    return exitCode;
  }

  public long pid() {
    return pid;
  }

  /** Marks it started; false when it was started before (an exec runs once). */
  synchronized boolean begin() {
    if (started) {
      return false;
    }
    started = true;
    return true;
  }

  /** Resizes its terminal, if it has one running. */
  public void resize(int rows, int columns) throws java.io.IOException {
    io.wharf.sys.Pty pty = terminal;
    if (pty != null && running) {
      pty.resize(rows, columns);
    }
  }

  /** The terminal's size at start, as the client's ({@code ConsoleSize}). */
  public void consoleSize(int rows, int columns) {
    consoleSize = new int[] {rows, columns};
  }

  int[] consoleSize() {
    return consoleSize;
  }

  void terminal(io.wharf.sys.Pty pty) {
    terminal = pty;
  }

  void running(long processId) {
    pid = processId;
    running = true;
  }

  void exited(int code) {
    exitCode = code;
    running = false;
  }
}
