package io.wharf.engine.build;

import io.wharf.engine.build.dockerfile.Dockerfile;
import io.wharf.engine.build.dockerfile.DockerfileParser;
import io.wharf.engine.build.dockerfile.Instruction;
import io.wharf.engine.image.Image;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds one stage: FROM (scratch, an earlier stage, or an image of the store; then the base
 * image's ONBUILD triggers), then each instruction through {@link StepHandlers}. Errors name the
 * instruction's line, as Docker's do. Stateless.
 */
final class StageRunner {
  private StageRunner() {}

  static String run(BuildSession session, StagePlan.Stage stage, Map<String, String> requestLabels) {
    StageBuild s = new StageBuild(session, stage);
    session.printStep(stage.from().original());
    String file = session.dockerfile.fileName();
    located(file, stage.from(), () -> from(s, stage.from()));
    for (Instruction i : stage.body()) {
      session.printStep(i.original());
      located(file, i, () -> StepHandlers.run(s, i));
    }
    if (requestLabels != null && !requestLabels.isEmpty()) {
      session.printStep("LABEL " + String.join(" ", requestLabels.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).toList()));
      ConfigSteps.requestLabels(s, requestLabels);
    }
    try {
      return s.imageOrEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void from(StageBuild s, Instruction from) {
    BuildSession session = s.session;
    String name = session.expander.expand(from.args().getFirst(), session.metaArgs);
    if (name.isEmpty()) {
      throw new InvalidArgument("base name (" + from.args().getFirst() + ") should not be blank");
    }
    String platform = from.flag("platform");
    if (platform != null && !platform.isEmpty()) {
      String p = session.expander.expand(platform, session.metaArgs);
      if (!p.isEmpty() && !p.startsWith("linux/amd64") && !p.equals("linux") && !p.startsWith("$")) {
        throw new InvalidArgument("platform " + p + " is not supported: this daemon builds linux/amd64 only");
      }
    }
    if (name.equalsIgnoreCase("scratch")) {
      s.imageId = null;
      s.config = new RunConfig();
      return;
    }
    int stageIndex = StagePlan.indexOf(session.plan.stages(), name.toLowerCase(Locale.ROOT), s.stage.index());
    Image base;
    if (stageIndex >= 0 && !name.matches("\\d+")) {
      base = session.images.get(session.stageImages.get(stageIndex));
    } else {
      base = baseImage(session, name);
    }
    s.imageId = base.id().toString();
    s.config = RunConfig.of(base.config().config());
    session.print(" ---> " + base.id().shortId() + "\n");
    triggers(s, s.config.onBuild);
  }

  /**
   * The image {@code name} names: the one here, else pulled (always pulled with {@code --pull}),
   * the pull's progress printed as the build's output, as Docker's classic builder does.
   */
  private static Image baseImage(BuildSession session, String name) {
    if (!session.request.pull()) {
      try {
        return session.images.get(name);
      } catch (NotFound e) {
        // pulled below
      }
    }
    java.util.function.Consumer<io.wharf.engine.image.PullProgress> progress = p -> {
      if (!p.status().equals("Downloading")) {
        session.print((p.id() == null ? "" : p.id() + ": ") + p.status() + "\n");
      }
    };
    String reference = io.wharf.oci.ImageReference.parse(name).withDefaultTag().toString();
    return session.images.pull(reference, null, session.request.registryCredentials(), progress);
  }

  /** The base image's ONBUILD triggers, run now as if they followed FROM; the new image keeps none. */
  private static void triggers(StageBuild s, List<String> triggers) {
    if (triggers.isEmpty()) {
      return;
    }
    List<String> pending = List.copyOf(triggers);
    s.config.onBuild.clear();
    s.session.print("# Executing " + pending.size() + " build trigger" + (pending.size() == 1 ? "" : "s") + "\n");
    for (String trigger : pending) {
      // the parser wants a stage to put an instruction in: a FROM line in front, then dropped
      Dockerfile parsed = DockerfileParser.parse("FROM scratch\n" + trigger, "ONBUILD");
      for (Instruction i : parsed.instructions().subList(1, parsed.instructions().size())) {
        located("ONBUILD", i, () -> StepHandlers.run(s, i));
      }
    }
  }

  /**
   * Runs {@code work}, putting the file and line of the instruction in front of a refusal
   * ({@code Dockerfile:4: COPY failed: …}), as BuildKit names them. A failing RUN keeps Docker's
   * exact words ({@link StepFailedException}).
   */
  private static void located(String file, Instruction i, Runnable work) {
    try {
      work.run();
    } catch (InvalidArgument e) {
      throw new InvalidArgument(file + ":" + i.startLine() + ": " + e.getMessage(), e);
    } catch (NotFound e) {
      throw new NotFound(file + ":" + i.startLine() + ": " + e.getMessage(), e);
    }
  }
}
