/**
 * The build context and what COPY and ADD do with it, with the semantics of Docker's classic
 * builder: {@link io.wharf.engine.build.context.BuildContext} unpacks the context tar safely,
 * finds the Dockerfile and applies {@code .dockerignore};
 * {@link io.wharf.engine.build.context.SourceMatcher} turns source patterns into
 * {@link io.wharf.engine.build.context.CopySource}s and
 * {@link io.wharf.engine.build.context.RemoteSource} downloads ADD's URLs;
 * {@link io.wharf.engine.build.context.SourceChecksum} gives the build cache a checksum of what
 * will be copied, reading each file's content once thanks to the
 * {@link io.wharf.engine.build.context.ContentHashIndex}; and
 * {@link io.wharf.engine.build.context.FileCopier} writes the sources into the image's root file
 * system. Every path read or written is resolved inside its root, symbolic links followed as if
 * the root were {@code /}.
 */
package io.wharf.engine.build.context;
