package io.wharf.engine.build;

/**
 * A RUN step whose command exited non-zero: Docker's message
 * ({@code The command '/bin/sh -c exit 3' returned a non-zero code: 3}) and the exit code, which
 * the docker CLI makes its own. Immutable.
 */
public final class StepFailedException extends RuntimeException {
  private final int exitCode;

  public StepFailedException(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
