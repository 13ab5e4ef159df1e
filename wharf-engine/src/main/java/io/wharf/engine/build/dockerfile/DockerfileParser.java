package io.wharf.engine.build.dockerfile;

import io.wharf.oci.errors.InvalidArgument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses a Dockerfile's text as Docker's (BuildKit's) frontend does.
 *
 * <p>Reading, line by line: parser directives first (see {@link DirectiveParser}); then each
 * instruction starts on a line whose first non-blank character is not {@code #}. A line ending in
 * the escape character (white space after it allowed) continues on the next one; inside a
 * continuation, comment lines are skipped and blank lines are skipped with a warning. After a RUN,
 * COPY or ADD line, the bodies of the heredocs it opens follow. Each instruction is then checked
 * against its own rules, and finally the file must start a build stage (FROM) before any
 * instruction other than ARG.
 *
 * <p>Errors are {@link InvalidArgument}s worded as Docker's classic builder words them —
 * {@code Dockerfile parse error line 3: unknown instruction: RUNN} — whose cause is a
 * {@link DockerfileException} carrying the location. Stateless and thread-safe.
 */
public final class DockerfileParser {
  private static final Pattern KNOWN_FRONTEND =
      Pattern.compile("^(docker\\.io/)?docker/dockerfile(-upstream)?(:[^@\\s]*)?(@\\S+)?$");

  private final String fileName;
  private final LineReader lines;
  private final DirectiveParser directives = new DirectiveParser();
  private final List<DockerfileWarning> warnings = new ArrayList<>();

  private DockerfileParser(String text, String fileName) {
    this.fileName = fileName;
    this.lines = new LineReader(text);
  }

  /** The Dockerfile {@code text}; {@code fileName} names it in error messages ({@code Dockerfile}). */
  public static Dockerfile parse(String text, String fileName) {
    try {
      return new DockerfileParser(text, fileName).parse();
    } catch (DockerfileException e) {
      throw new InvalidArgument(e.getMessage(), e);
    }
  }

  private Dockerfile parse() {
    List<Instruction> instructions = new ArrayList<>();
    for (RawInstruction node : readAll()) {
      try {
        instructions.add(InstructionParser.convert(node));
      } catch (SyntaxFailure e) {
        throw located(e.getMessage(), node.startLine(), node.endLine());
      }
      warnAbout(node);
    }
    checkStages(instructions);
    for (Directive d : directives.directives()) {
      if (d.name().equals("syntax") && !KNOWN_FRONTEND.matcher(d.value()).matches()) {
        warnings.add(new DockerfileWarning(d.line(), "syntax directive " + GoText.quote(d.value())
            + " ignored: Wharf builds with its own Dockerfile frontend"));
      }
    }
    warnings.sort(Comparator.comparingInt(DockerfileWarning::line));
    return new Dockerfile(fileName, directives.directives(), directives.escape(), instructions, warnings);
  }

  // Docker: only ARG may come before the first FROM, and a file of ARGs alone builds nothing.
  private void checkStages(List<Instruction> instructions) {
    for (Instruction instruction : instructions) {
      if (instruction.keyword().equals("FROM")) {
        return;
      }
      if (!instruction.keyword().equals("ARG")) {
        throw located("no build stage in current context", instruction.startLine(), instruction.endLine());
      }
    }
    Instruction last = instructions.getLast();
    throw located("dockerfile contains no stages to build", last.startLine(), last.endLine());
  }

  private List<RawInstruction> readAll() {
    List<RawInstruction> nodes = new ArrayList<>();
    while (lines.hasNext()) {
      String first = GoText.trimLeft(lines.next());
      int start = lines.number();
      try {
        directives.offer(first, start);
      } catch (SyntaxFailure e) {
        throw located(e.getMessage(), start, start);
      }
      Continuation line = Continuation.of(first.startsWith("#") ? "" : first, directives.escape());
      if (line.ended() && line.text().isEmpty()) {
        continue;
      }
      String logical = joinContinuations(line);
      RawInstruction node;
      try {
        node = LineParsers.parse(logical, directives.escape());
      } catch (SyntaxFailure e) {
        throw located(e.getMessage(), start, lines.number());
      }
      List<Heredoc> heredocs = node.acceptsHeredocs() ? readHeredocs(logical, start) : List.of();
      nodes.add(node.located(start, lines.number(), heredocs));
    }
    if (nodes.isEmpty()) {
      throw located("file with no instructions", Math.max(1, lines.number()), 0);
    }
    return nodes;
  }

  private String joinContinuations(Continuation first) {
    StringBuilder logical = new StringBuilder(first.text());
    Continuation line = first;
    boolean emptyLine = false;
    while (!line.ended() && lines.hasNext()) {
      String next = lines.next();
      String left = GoText.trimLeft(next);
      if (left.startsWith("#")) {
        continue;
      }
      if (left.isEmpty()) {
        emptyLine = true;
        continue;
      }
      line = Continuation.of(next, directives.escape());
      logical.append(line.text());
    }
    if (emptyLine) {
      warnings.add(new DockerfileWarning(lines.number(), "Empty continuation line found in: " + logical
          + " (empty continuation lines will become errors in a future release)"));
    }
    return logical.toString();
  }

  private List<Heredoc> readHeredocs(String logical, int start) {
    List<Heredoc> openers;
    try {
      openers = Heredocs.openedBy(logical);
    } catch (SyntaxFailure e) {
      throw located(e.getMessage(), start, lines.number());
    }
    List<Heredoc> heredocs = new ArrayList<>();
    for (Heredoc opener : openers) {
      StringBuilder content = new StringBuilder();
      boolean terminated = false;
      while (lines.hasNext()) {
        String line = lines.next();
        String candidate = opener.chomp() ? line.replaceFirst("^\\t+", "") : line;
        if (candidate.equals(opener.name())) {
          terminated = true;
          break;
        }
        content.append(line).append('\n');
      }
      if (!terminated) {
        throw located("unterminated heredoc", start, lines.number());
      }
      String body = opener.chomp() ? Heredocs.chomp(content.toString()) : content.toString();
      heredocs.add(new Heredoc(opener.name(), body, opener.expand(), opener.chomp()));
    }
    return heredocs;
  }

  private void warnAbout(RawInstruction node) {
    String keyword = node.upperKeyword();
    if (keyword.equals("MAINTAINER")) {
      warnings.add(new DockerfileWarning(node.startLine(),
          "Maintainer instruction is deprecated in favor of using label"));
    }
    if (node.legacyKeyValue()) {
      warnings.add(new DockerfileWarning(node.startLine(), "\"" + keyword + " key=value\" should be used instead of "
          + "legacy \"" + keyword + " key value\" format"));
    }
  }

  private DockerfileException located(String detail, int start, int end) {
    return new DockerfileException(fileName, start, end, detail);
  }
}
