package io.wharf.engine.build.dockerfile;

/**
 * A Dockerfile error in Docker's words, not yet tied to a line: the parser adds the location when
 * it turns it into a {@link DockerfileException}. Immutable and thread-safe.
 */
final class SyntaxFailure extends RuntimeException {
  SyntaxFailure(String message) {
    super(message, null, false, false);
  }
}
