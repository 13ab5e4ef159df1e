package io.wharf.engine.build;

import io.wharf.engine.build.context.CopyOptions;
import io.wharf.engine.build.context.CopySource;
import io.wharf.engine.build.context.FileCopier;
import io.wharf.engine.build.context.RemoteSource;
import io.wharf.engine.build.context.SourceChecksum;
import io.wharf.engine.build.context.SourceMatcher;
import io.wharf.engine.build.dockerfile.Heredoc;
import io.wharf.engine.build.dockerfile.Instruction;
import io.wharf.engine.image.Image;
import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * COPY and ADD: sources from the context, from an earlier stage or any image ({@code --from}),
 * from here-documents, or (ADD) from a URL, copied onto the current image with Docker's rules
 * ({@link FileCopier}). The step is cached on the checksum of what it copies — names, contents,
 * modes and owners, never mtimes — so a changed source file re-runs this step and those after
 * it, and nothing before. Stateless.
 */
final class CopyStep {
  private CopyStep() {}

  static void run(StageBuild s, Instruction i) {
    BuildSession session = s.session;
    Map<String, String> vars = s.variables();
    List<String> words = new ArrayList<>();
    for (String arg : i.args()) {
      words.add(session.expander.expand(arg, vars));
    }
    String dest = words.getLast();
    List<String> patterns = words.subList(0, words.size() - 1);
    boolean add = i.keyword().equals("ADD");
    String chown = i.flag("chown") == null || i.flag("chown").isEmpty() ? null : session.expander.expand(i.flag("chown"), vars);
    Integer chmod = chmod(i.flag("chmod"));
    String from = i.flag("from");
    String fromImage = from == null || from.isEmpty() ? null : sourceImage(s, session.expander.expand(from, vars));
    try {
      if (fromImage != null) {
        try (StepRootfs source = StepRootfs.mount(session.snapshots,
            session.images.get(fromImage).chainIds(), session.scratch)) {
          copy(s, i, source.path(), patterns, dest, new CopyOptions(chown, chmod, false), "from=" + fromImage);
        }
      } else {
        Path extra = Files.createTempDirectory(session.scratch, "sources-");
        try {
          copyFromContext(s, i, extra, patterns, dest, new CopyOptions(chown, chmod, add));
        } finally {
          io.wharf.engine.archive.FileTree.delete(extra);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyFromContext(StageBuild s, Instruction i, Path extra, List<String> patterns, String dest,
      CopyOptions options) throws IOException {
    List<String> local = new ArrayList<>();
    List<CopySource> sources = new ArrayList<>();
    for (String pattern : patterns) {
      Heredoc doc = heredoc(i, pattern);
      if (doc != null) {
        String content = doc.expand() ? s.session.expander.expand(doc.content(), s.variables()) : doc.content();
        Path file = extra.resolve(doc.name());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        sources.add(new CopySource(pattern, file, doc.name()));
      } else if (options.add() && (pattern.startsWith("http://") || pattern.startsWith("https://"))) {
        sources.add(RemoteSource.fetch(pattern, Files.createTempDirectory(extra, "url-")));
      } else {
        local.add(pattern);
      }
    }
    if (!local.isEmpty()) {
      sources.addAll(SourceMatcher.match(s.session.context.root(), local, i.keyword()));
    }
    commitCopy(s, i, sources, patterns, dest, options, "context");
  }

  private static void copy(StageBuild s, Instruction i, Path root, List<String> patterns, String dest,
      CopyOptions options, String origin) throws IOException {
    commitCopy(s, i, SourceMatcher.match(root, patterns, i.keyword()), patterns, dest, options, origin);
  }

  private static void commitCopy(StageBuild s, Instruction i, List<CopySource> sources, List<String> patterns,
      String dest, CopyOptions options, String origin) throws IOException {
    Digest checksum = SourceChecksum.of(sources, s.session.hashes);
    List<String> key = new ArrayList<>(List.of(i.keyword(), origin, "chown=" + options.chown(),
        "chmod=" + options.chmod(), "workdir=" + s.config.workingDir, "dest=" + dest));
    key.addAll(patterns);
    String kind = sources.size() == 1 ? (Files.isDirectory(sources.getFirst().path()) ? "dir" : "file") : "multi";
    String comment = i.keyword() + " " + kind + ":" + checksum.hex() + " in " + dest + " ";
    s.step(new CacheKey(s.parentDigest(), key, checksum), i.keyword() + " " + String.join(" ", patterns) + " " + dest,
        () -> layer(s, sources, dest, options, comment));
  }

  private static Image layer(StageBuild s, List<CopySource> sources, String dest, CopyOptions options, String comment)
      throws IOException {
    try (StepRootfs rootfs = StepRootfs.mount(s.session.snapshots, s.chain(), s.session.scratch)) {
      String workdir = s.config.workingDir == null || s.config.workingDir.isEmpty() ? "/" : s.config.workingDir;
      FileCopier.copy(sources, rootfs.path(), dest, workdir, options);
      Path layer = s.layerFile();
      try {
        rootfs.writeLayer(layer);
        return s.commit(layer, s.nop(comment));
      } finally {
        Files.deleteIfExists(layer);
      }
    }
  }

  /** The image {@code --from} names: an earlier stage (by name or index), else any image. */
  private static String sourceImage(StageBuild s, String from) {
    int index = StagePlan.indexOf(s.session.plan.stages(), from.toLowerCase(Locale.ROOT), s.stage.index());
    if (index >= 0) {
      String image = s.session.stageImages.get(index);
      if (image == null) {
        throw new InvalidArgument("stage " + from + " has not been built");
      }
      return image;
    }
    return s.session.images.get(from).id().toString();
  }

  private static Heredoc heredoc(Instruction i, String pattern) {
    for (Heredoc h : i.heredocs()) {
      if (pattern.matches("<<-?[\"']?" + java.util.regex.Pattern.quote(h.name()) + "[\"']?")) {
        return h;
      }
    }
    return null;
  }

  static Integer chmod(String flag) {
    if (flag == null || flag.isEmpty()) {
      return null;
    }
    if (!flag.matches("[0-7]{1,4}")) {
      throw new InvalidArgument("invalid chmod parameter: " + flag + " (an octal mode such as 755)");
    }
    return Integer.parseInt(flag, 8);
  }
}
