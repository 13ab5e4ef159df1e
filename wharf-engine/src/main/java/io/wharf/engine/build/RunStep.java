package io.wharf.engine.build;

import io.wharf.engine.build.dockerfile.Heredoc;
import io.wharf.engine.build.dockerfile.Instruction;
import io.wharf.engine.container.Container;
import io.wharf.engine.container.CreateRequest;
import io.wharf.engine.container.LogOptions;
import io.wharf.engine.container.RunSettings;
import io.wharf.engine.image.CommitRequest;
import io.wharf.engine.image.Image;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * RUN: the command runs in a real container of the current image (with the stage's config and
 * its build args in the environment), its output goes to the client as it comes, and its
 * changes become the step's layer. A non-zero exit fails the build with that code. The
 * container goes whatever happens. Stateless.
 */
final class RunStep {
  private static final Logger LOG = Logger.getLogger(RunStep.class.getName());
  /** Marks a build's containers, so a daemon that died mid-build can remove them at its next start. */
  static final String BUILD_LABEL = "io.wharf.build";

  private RunStep() {}

  static void run(StageBuild s, Instruction i) {
    List<String> cmd = ConfigSteps.command(s, withHeredocs(i));
    Map<String, String> buildArgs = s.runArgs(false);
    List<String> argWords = new ArrayList<>();
    buildArgs.forEach((k, v) -> argWords.add(k + "=" + v));
    String createdBy = (argWords.isEmpty() ? "" : "|" + argWords.size() + " " + String.join(" ", argWords) + " ")
        + String.join(" ", cmd);
    List<String> key = new ArrayList<>(List.of("RUN"));
    key.addAll(cmd);
    key.add("|args");
    key.addAll(argWords);
    key.add("|network=" + (s.session.request.networkMode() == null ? "" : s.session.request.networkMode()));
    s.step(new CacheKey(s.parentDigest(), key, null), "RUN " + String.join(" ", cmd),
        () -> execute(s, cmd, createdBy));
  }

  /**
   * RUN with here-documents: a RUN that is only {@code <<EOF} runs the body as a script; any other
   * command gets the bodies after it, so that the shell itself feeds them ({@code cat <<EOF >f}).
   */
  private static Instruction withHeredocs(Instruction i) {
    if (i.heredocs().isEmpty() || i.json()) {
      return i;
    }
    String text;
    Heredoc first = i.heredocs().getFirst();
    if (i.heredocs().size() == 1 && i.text().strip().matches("<<-?[\"']?" + java.util.regex.Pattern.quote(first.name())
        + "[\"']?")) {
      text = first.content();
    } else {
      StringBuilder b = new StringBuilder(i.text()).append('\n');
      for (Heredoc h : i.heredocs()) {
        b.append(h.content()).append(h.name()).append('\n');
      }
      text = b.toString();
    }
    return new Instruction(i.keyword(), i.flags(), i.flagWords(), text, List.of(text), false, i.pairs(), i.trigger(),
        List.of(), i.startLine(), i.endLine(), i.original());
  }

  private static Image execute(StageBuild s, List<String> cmd, String createdBy) throws java.io.IOException {
    BuildSession session = s.session;
    List<String> env = new ArrayList<>();
    s.runArgs(true).forEach((k, v) -> env.add(k + "=" + v));
    Container c = session.containers.create(new CreateRequest(s.imageOrEmpty(), null, cmd, List.of(), env, null, null,
        null, false, false, Map.of(BUILD_LABEL, "1"), false, RunSettings.DEFAULT));
    String shortId = c.id().substring(0, 12);
    session.print(" ---> Running in " + shortId + "\n");
    try {
      CompletableFuture<Integer> exit = session.containers.waitFor(c.id(), "next-exit");
      session.containers.start(c.id());
      session.containers.logs(c.id(), LogOptions.all(true),
          (stream, bytes) -> session.print(new String(bytes, StandardCharsets.UTF_8)));
      int code = exit.join();
      if (code != 0) {
        throw new StepFailedException("The command '" + String.join(" ", cmd) + "' returned a non-zero code: " + code,
            code);
      }
      return session.containers.commit(c.id(), new CommitRequest(null, s.config.toConfig(), List.of(), null, null,
          s.author, createdBy));
    } finally {
      try {
        session.containers.remove(c.id(), true);
        session.print(" ---> Removed intermediate container " + shortId + "\n");
      } catch (RuntimeException e) {
        LOG.warning("build: cannot remove intermediate container " + c.id() + ": " + e.getMessage());
      }
    }
  }
}
