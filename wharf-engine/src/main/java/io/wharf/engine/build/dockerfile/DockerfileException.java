package io.wharf.engine.build.dockerfile;

/**
 * Why a Dockerfile was refused, located like Docker's classic builder words it:
 * {@code Dockerfile parse error line 3: unknown instruction: RUNN}. {@link #detail()} is Docker's
 * own message without the location.
 *
 * <p>{@link DockerfileParser#parse} throws an {@link io.wharf.oci.errors.InvalidArgument} with the
 * same message and this exception as its cause: {@code InvalidArgument} is final in wharf-oci, so
 * this type cannot extend it. Immutable and thread-safe.
 */
public final class DockerfileException extends RuntimeException {
  private final String fileName;
  private final int line;
  private final int endLine;
  private final String detail;

  public DockerfileException(String fileName, int line, int endLine, String detail) {
    super(fileName + " parse error line " + line + ": " + detail, null, false, false);
    this.fileName = fileName;
    this.line = line;
    this.endLine = Math.max(line, endLine);
    this.detail = detail;
  }

  public String fileName() {
    return fileName;
  }

  /** The 1-based line where the offending instruction starts. */
  public int line() {
    return line;
  }

  /** The 1-based line where the offending instruction ends (continuations, heredocs). */
  public int endLine() {
    return endLine;
  }

  /** Docker's message without the file and line. */
  public String detail() {
    return detail;
  }
}
