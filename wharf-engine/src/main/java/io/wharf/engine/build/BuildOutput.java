package io.wharf.engine.build;

/**
 * Where a build reports what it does, in the classic builder's words: {@link #stream} gets
 * text with its own newlines ({@code Step 1/3 : FROM busybox\n}, a RUN step's output),
 * {@link #imageId} the result's ID once it exists. Implementations must accept calls from the
 * thread that copies a RUN step's output while the build thread waits.
 */
public interface BuildOutput {
  void stream(String text);

  /** The built image's ID ({@code sha256:…}): the classic builder's {@code aux} message. */
  void imageId(String id);
}
