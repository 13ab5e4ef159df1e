package io.wharf.engine.build;

import io.wharf.engine.build.context.BuildContext;
import io.wharf.engine.build.context.ContentHashIndex;
import io.wharf.engine.build.dockerfile.Dockerfile;
import io.wharf.engine.build.dockerfile.VariableExpander;
import io.wharf.engine.container.ContainerService;
import io.wharf.engine.image.ImageService;
import io.wharf.engine.snapshot.Snapshotter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One build in progress: what every stage shares — the services, the request, the context, the
 * parsed Dockerfile and its plan, the step counter, the meta ARGs, the images of finished stages
 * and the build args used so far. Not thread-safe: a build runs its stages one after the other
 * on one thread.
 */
final class BuildSession {
  /** Docker's predefined ARGs: usable by RUN without an ARG line, kept out of history and cache. */
  static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
      "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

  final ImageService images;
  final ContainerService containers;
  final Snapshotter snapshots;
  final BuildCache cache;
  final ContentHashIndex hashes;
  final BuildRequest request;
  final BuildOutput output;
  final BuildContext context;
  final Dockerfile dockerfile;
  final StagePlan plan;
  final VariableExpander expander;
  final Path scratch;
  /** The meta ARGs' values (build args applied), for FROM lines and for stages that declare them again. */
  final Map<String, String> metaArgs = new LinkedHashMap<>();
  final Map<Integer, String> stageImages = new HashMap<>();
  final Set<String> usedArgs = new HashSet<>();
  /** The cache entries (key digests) this build used, counted once when it ends. */
  final List<String> cacheHits = new java.util.ArrayList<>();
  private int step;

  BuildSession(ImageService images, ContainerService containers, Snapshotter snapshots, BuildCache cache,
      ContentHashIndex hashes, BuildRequest request, BuildOutput output, BuildContext context, Dockerfile dockerfile,
      StagePlan plan, Path scratch) {
    this.images = images;
    this.containers = containers;
    this.snapshots = snapshots;
    this.cache = cache;
    this.hashes = hashes;
    this.request = request;
    this.output = output;
    this.context = context;
    this.dockerfile = dockerfile;
    this.plan = plan;
    this.expander = VariableExpander.of(dockerfile);
    this.scratch = scratch;
  }

  /** Text for the client, unless the build is quiet. */
  void print(String text) {
    if (!request.quiet()) {
      output.stream(text);
    }
  }

  /** Prints {@code Step n/m : <instruction>} for the next step. */
  void printStep(String original) {
    step++;
    int total = plan.totalSteps() + (request.labels().isEmpty() ? 0 : 1);
    print("Step " + step + "/" + total + " : " + original + "\n");
  }

  /** The value of build arg {@code name} when the request has it (marking it used), else null. */
  String buildArg(String name) {
    if (request.buildArgs().containsKey(name)) {
      usedArgs.add(name);
      return request.buildArgs().get(name);
    }
    return null;
  }
}
