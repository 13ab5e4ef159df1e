package io.wharf.engine.build;

import io.wharf.engine.build.context.BuildContext;
import io.wharf.engine.build.context.ContentHashIndex;
import io.wharf.engine.build.dockerfile.Dockerfile;
import io.wharf.engine.build.dockerfile.DockerfileParser;
import io.wharf.engine.build.dockerfile.Instruction;
import io.wharf.engine.build.dockerfile.KeyValue;
import io.wharf.engine.container.ContainerService;
import io.wharf.engine.image.ImageService;
import io.wharf.engine.snapshot.Snapshotter;
import io.wharf.engine.state.BuildCacheRow;
import io.wharf.engine.state.StateStore;
import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.errors.SystemError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The builder of one engine: unpacks the context into a scratch directory of its own, parses
 * the Dockerfile, plans the stages and runs them ({@link StageRunner}), then tags the result.
 * Thread-safe: each build has its own session and scratch directory.
 */
public final class LocalBuilder implements Builder {
  private static final Logger LOG = Logger.getLogger(LocalBuilder.class.getName());

  private final ImageService images;
  private final ContainerService containers;
  private final Snapshotter snapshots;
  private final BuildCache cache;
  private final ContentHashIndex hashes = new ContentHashIndex();
  private final Path scratchRoot;

  public LocalBuilder(StateStore state, ImageService images, ContainerService containers, Snapshotter snapshots,
      Path scratchRoot) {
    this.images = images;
    this.containers = containers;
    this.snapshots = snapshots;
    this.cache = new BuildCache(state);
    this.scratchRoot = scratchRoot;
  }

  /**
   * Removes what builds cut short by a crash left: the step root file systems still mounted,
   * their snapshots, the scratch directories and the builds' containers.
   */
  public void reconcile() {
    try {
      for (Path mountPoint : mountsUnder(scratchRoot)) {
        io.wharf.sys.MountCalls.unmount(mountPoint, io.wharf.sys.MountCalls.MNT_DETACH);
      }
      io.wharf.engine.archive.FileTree.delete(scratchRoot);
      for (String key : snapshots.activeKeys()) {
        if (key.startsWith(StepRootfs.KEY_PREFIX)) {
          snapshots.removeActive(key);
        }
      }
    } catch (IOException e) {
      LOG.warning("build scratch " + scratchRoot + ": " + e.getMessage());
    }
    for (var c : containers.list(true, Map.of("label", List.of(RunStep.BUILD_LABEL)))) {
      try {
        containers.remove(c.id(), true);
      } catch (RuntimeException e) {
        LOG.warning("build container " + c.id() + ": " + e.getMessage());
      }
    }
  }

  /** The mount points below {@code dir}, deepest first (from /proc/self/mountinfo). */
  private static List<Path> mountsUnder(Path dir) throws IOException {
    Path mountinfo = Path.of("/proc/self/mountinfo");
    if (!Files.exists(mountinfo)) {
      return List.of();
    }
    String prefix = dir.toAbsolutePath() + "/";
    List<Path> out = new ArrayList<>();
    for (String line : Files.readAllLines(mountinfo)) {
      String[] fields = line.split(" ");
      // the kernel writes a space in a path as \040
      String point = fields.length > 4 ? fields[4].replace("\\040", " ") : "";
      if (point.startsWith(prefix)) {
        out.add(Path.of(point));
      }
    }
    out.sort(java.util.Comparator.comparingInt((Path p) -> p.getNameCount()).reversed());
    return out;
  }

  @Override
  public String build(InputStream contextTar, BuildRequest request, BuildOutput output) {
    List<ImageReference> tags = new ArrayList<>();
    for (String tag : request.tags()) {
      tags.add(ImageReference.parse(tag).withDefaultTag());
    }
    Path scratch;
    try {
      scratch = Files.createDirectories(scratchRoot).resolve(UUID.randomUUID().toString());
      Files.createDirectories(scratch);
    } catch (IOException e) {
      throw new SystemError("cannot make the build's scratch directory: " + e.getMessage(), e);
    }
    try (BuildContext context = BuildContext.unpack(contextTar, scratch.resolve("context"), hashes)) {
      String text = context.dockerfile(request.dockerfile());
      context.applyDockerIgnore();
      Dockerfile dockerfile = DockerfileParser.parse(text, "Dockerfile");
      StagePlan plan = StagePlan.of(dockerfile, request.target());
      BuildSession session = new BuildSession(images, containers, snapshots, cache, hashes, request, output, context,
          dockerfile, plan, scratch);
      for (String warning : dockerfile.warnings().stream().map(Object::toString).toList()) {
        LOG.fine("Dockerfile warning: " + warning);
      }
      String result = null;
      try {
        metaArgs(session, plan.metaArgs());
        int target = plan.needed().getLast();
        for (int index : plan.needed()) {
          result = StageRunner.run(session, plan.stages().get(index), index == target ? request.labels() : null);
          session.stageImages.put(index, result);
        }
      } finally {
        cache.used(session.cacheHits); // one write for the build's cache hits, not one per step
      }
      List<String> unused = request.buildArgs().keySet().stream()
          .filter(a -> !session.usedArgs.contains(a) && !BuildSession.PROXY_ARGS.contains(a)).sorted().toList();
      if (!unused.isEmpty()) {
        session.print("[Warning] One or more build-args [" + String.join(" ", unused) + "] were not consumed\n");
      }
      Digest id = Digest.parse(result);
      output.imageId(id.toString());
      session.print("Successfully built " + id.shortId() + "\n");
      for (ImageReference tag : tags) {
        images.tag(id.toString(), tag.repository().toString(), tag.tag());
        session.print("Successfully tagged " + tag.familiarString() + "\n");
      }
      if (request.quiet()) {
        output.stream(id + "\n");
      }
      return id.toString();
    } catch (IOException e) {
      throw new SystemError("build: " + e.getMessage(), e);
    } finally {
      // after the answer: nothing looks at a finished build's scratch again, and reconcile()
      // deletes what a stopped daemon left
      Thread.ofVirtual().name("build-scratch").start(() -> {
        try {
          io.wharf.engine.archive.FileTree.delete(scratch);
        } catch (IOException e) {
          LOG.warning("build scratch " + scratch + ": " + e.getMessage());
        }
      });
    }
  }

  /** The ARGs before the first FROM: numbered as steps, valued for the FROM lines. */
  private static void metaArgs(BuildSession session, List<Instruction> metaArgs) {
    for (Instruction arg : metaArgs) {
      session.printStep(arg.original());
      for (KeyValue kv : arg.pairs()) {
        String given = session.buildArg(kv.key());
        String value = given != null ? given
            : kv.value() == null ? null : session.expander.expand(kv.value(), session.metaArgs);
        if (value != null) {
          session.metaArgs.put(kv.key(), value);
        }
      }
    }
  }

  @Override
  public List<BuildCacheRow> cache() {
    return cache.all();
  }

  @Override
  public PruneResult prune(boolean all, Map<String, List<String>> filters) {
    return new CachePruner(images, containers, cache).prune(all, filters);
  }
}
