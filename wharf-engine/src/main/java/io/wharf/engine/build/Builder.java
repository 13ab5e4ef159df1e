package io.wharf.engine.build;

import io.wharf.engine.state.BuildCacheRow;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code docker build} with the classic builder's behaviour: a Dockerfile from a build context
 * becomes an image, step by step, each step an image of its own (RUN in a real container,
 * COPY/ADD and WORKDIR as layers, the rest as config), reusing the build cache wherever Docker's
 * rules allow it. Multi-stage: only the stages the target needs are built.
 *
 * <p>Errors: a Dockerfile that cannot be parsed, a missing Dockerfile or a bad request throws
 * before any output ({@code InvalidArgument}); a step that fails later throws too, after the
 * output it made — {@link StepFailedException} for a RUN that exited non-zero. Nothing is tagged
 * unless the whole build succeeds, and a build's containers are removed whatever happens.
 * Thread-safe: builds may run side by side.
 */
public interface Builder {
  /**
   * Builds {@code context} (a tar, possibly compressed, holding the Dockerfile) as
   * {@code request} says, reporting to {@code output}; returns the image ID.
   */
  String build(InputStream context, BuildRequest request, BuildOutput output);

  /** The build cache's entries, oldest first ({@code docker system df}). */
  List<BuildCacheRow> cache();

  /**
   * {@code docker builder prune}: removes cache entries — only those no tagged image or
   * container builds on, or all of them with {@code all} — and the intermediate images nothing
   * else needs. {@code filters}: {@code until} (a timestamp or duration).
   */
  PruneResult prune(boolean all, Map<String, List<String>> filters);

  /** The IDs of the removed entries and the bytes freed. */
  record PruneResult(List<String> deleted, long spaceReclaimed) {}
}
