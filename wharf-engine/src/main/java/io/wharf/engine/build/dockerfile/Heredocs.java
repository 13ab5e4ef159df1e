package io.wharf.engine.build.dockerfile;

import io.wharf.oci.errors.InvalidArgument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds heredoc openers ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}, {@code 3<<EOF}) among
 * the words of an instruction line, as Docker does: the line is split into words with quotes and
 * escapes kept, and every word of the form {@code [n]<<[-]word} opens a heredoc, read in order
 * from the following lines. Stateless.
 */
final class Heredocs {
  private static final Pattern OPENER = Pattern.compile("^(\\d*)<<(-?)([^<]*)$");
  private static final Pattern LEADING_TABS = Pattern.compile("(?m)^\\t+");
  // Docker lexes heredoc words with the backslash whatever the escape directive says.
  private static final char ESCAPE = '\\';

  private Heredocs() {}

  /** The heredocs {@code line} opens, in order, with empty content. */
  static List<Heredoc> openedBy(String line) {
    List<String> words;
    try {
      words = ShellLexer.process(line, Map.of(), ESCAPE, new ShellLexer.Options(true, true, true)).words();
    } catch (InvalidArgument e) {
      return List.of();
    }
    List<Heredoc> heredocs = new ArrayList<>();
    for (String word : words) {
      Heredoc heredoc = opener(word);
      if (heredoc != null) {
        heredocs.add(heredoc);
      }
    }
    return heredocs;
  }

  /** The heredoc {@code word} opens, or null when it is not an opener. */
  static Heredoc opener(String word) {
    Matcher m = OPENER.matcher(word);
    if (!m.matches() || m.group(3).isEmpty()) {
      return null;
    }
    String rest = m.group(3);
    List<String> plain = words(rest, false);
    if (plain.size() != 1) {
      return null;
    }
    List<String> raw = words(rest, true);
    if (raw.size() != plain.size()) {
      throw new SyntaxFailure("internal lexing of heredoc produced inconsistent results: " + rest);
    }
    // Quotes that disappear when quotes are processed mean the delimiter was quoted.
    boolean expand = quotes(plain.getFirst()) == quotes(raw.getFirst());
    return new Heredoc(plain.getFirst(), "", expand, m.group(2).equals("-"));
  }

  /** {@code content} without the leading tabs of its lines ({@code <<-}). */
  static String chomp(String content) {
    return LEADING_TABS.matcher(content).replaceAll("");
  }

  private static List<String> words(String text, boolean rawQuotes) {
    try {
      return ShellLexer.process(text, Map.of(), ESCAPE, new ShellLexer.Options(rawQuotes, false, true)).words();
    } catch (InvalidArgument e) {
      throw new SyntaxFailure(e.getMessage());
    }
  }

  private static long quotes(String word) {
    return word.chars().filter(c -> c == '\'' || c == '"').count();
  }
}
