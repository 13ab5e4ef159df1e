package io.wharf.engine.build;

import io.wharf.engine.build.dockerfile.Instruction;
import java.util.Map;

/**
 * The table of instruction handlers: one entry per Dockerfile keyword after FROM (FROM itself
 * begins a stage, see {@link StageRunner}). A new instruction is a new row. Stateless.
 */
final class StepHandlers {
  /** Carries out one instruction in a stage. */
  @FunctionalInterface
  interface Handler {
    void run(StageBuild stage, Instruction instruction);
  }

  static final Map<String, Handler> TABLE = Map.ofEntries(
      Map.entry("RUN", RunStep::run),
      Map.entry("COPY", CopyStep::run),
      Map.entry("ADD", CopyStep::run),
      Map.entry("WORKDIR", WorkdirStep::run),
      Map.entry("ENV", ConfigSteps::env),
      Map.entry("LABEL", ConfigSteps::label),
      Map.entry("EXPOSE", ConfigSteps::expose),
      Map.entry("USER", ConfigSteps::user),
      Map.entry("VOLUME", ConfigSteps::volume),
      Map.entry("STOPSIGNAL", ConfigSteps::stopSignal),
      Map.entry("CMD", ConfigSteps::cmd),
      Map.entry("ENTRYPOINT", ConfigSteps::entrypoint),
      Map.entry("SHELL", ConfigSteps::shell),
      Map.entry("HEALTHCHECK", ConfigSteps::healthcheck),
      Map.entry("ONBUILD", ConfigSteps::onBuild),
      Map.entry("MAINTAINER", ConfigSteps::maintainer),
      Map.entry("ARG", ConfigSteps::arg));

  private StepHandlers() {}

  static void run(StageBuild stage, Instruction instruction) {
    Handler handler = TABLE.get(instruction.keyword());
    if (handler == null) {
      throw new io.wharf.oci.errors.InvalidArgument("unknown instruction: " + instruction.keyword());
    }
    handler.run(stage, instruction);
  }
}
