package io.wharf.it;

/** What a command printed and how it exited. */
record CommandResult(int exitCode, String stdout, String stderr) {
  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
