package io.wharf.engine.build.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An instruction as the first stage of Docker's parser leaves it, before the instruction's own
 * rules are checked: the keyword as written, the flag words, the text after them, the argument
 * values in the shape of the keyword (see {@link LineParsers}), whether they were JSON, the
 * wrapped instruction of ONBUILD, heredocs and the lines it spans. Immutable and thread-safe.
 */
record RawInstruction(
    String keyword,
    List<String> flags,
    String rest,
    List<String> values,
    boolean json,
    boolean legacyKeyValue,
    RawInstruction child,
    List<Heredoc> heredocs,
    int startLine,
    int endLine,
    String original) {

  private static final Set<String> HEREDOC_KEYWORDS = Set.of("ADD", "COPY", "RUN");

  String upperKeyword() {
    return keyword.toUpperCase(Locale.ROOT);
  }

  /** Whether Docker reads heredocs after this line: RUN, COPY, ADD (also under ONBUILD), not JSON. */
  boolean acceptsHeredocs() {
    RawInstruction node = upperKeyword().equals("ONBUILD") && child != null ? child : this;
    return HEREDOC_KEYWORDS.contains(node.upperKeyword()) && !node.json();
  }

  RawInstruction located(int start, int end, List<Heredoc> docs) {
    RawInstruction inner = child == null ? null : child.located(start, end, docs);
    return new RawInstruction(keyword, flags, rest, values, json, legacyKeyValue, inner, List.copyOf(docs), start, end,
        original);
  }
}
