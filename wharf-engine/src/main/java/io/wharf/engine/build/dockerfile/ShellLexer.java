package io.wharf.engine.build.dockerfile;

import io.wharf.oci.errors.InvalidArgument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One pass of Docker's shell lexer over a word: quotes, the escape character and {@code $}
 * substitutions, producing both the whole expanded string and its split into words (splitting
 * happens after substitution, quoted text is never split). The options reproduce the lexer modes
 * Docker's parser uses to find heredoc delimiters: keep quotes, keep escapes, leave unset
 * variables as written. Not thread-safe: one instance per word.
 */
final class ShellLexer {
  static final int EOF = -1;

  /** How raw the output stays. */
  record Options(boolean rawQuotes, boolean rawEscapes, boolean skipUnsetEnv) {
    static final Options PLAIN = new Options(false, false, false);
  }

  /** The expanded text and its words. */
  record Result(String word, List<String> words) {}

  private final int[] chars;
  private final Map<String, String> env;
  private final int escape;
  private final Options options;
  private int pos;

  private ShellLexer(String source, Map<String, String> env, int escape, Options options) {
    this.chars = source.codePoints().toArray();
    this.env = env;
    this.escape = escape;
    this.options = options;
  }

  /** Processes {@code source}; errors are Docker's, e.g. {@code failed to process "${A:?}": A: …}. */
  static Result process(String source, Map<String, String> env, int escape, Options options) {
    try {
      return new ShellLexer(source, env, escape, options).until(EOF, false);
    } catch (SyntaxFailure e) {
      throw new InvalidArgument("failed to process " + GoText.quote(source) + ": " + e.getMessage());
    }
  }

  int escape() {
    return escape;
  }

  int peek() {
    return pos < chars.length ? chars[pos] : EOF;
  }

  int next() {
    return pos < chars.length ? chars[pos++] : EOF;
  }

  /** Reads up to {@code stop} (consumed) or the end when {@code stop} is EOF. */
  Result until(int stop, boolean keepEscapes) {
    boolean rawEscapes = keepEscapes || options.rawEscapes();
    StringBuilder result = new StringBuilder();
    WordSplitter words = new WordSplitter();
    while (peek() != EOF) {
      int ch = peek();
      if (stop != EOF && ch == stop) {
        next();
        return new Result(result.toString(), words.words());
      }
      if (ch == '\'' || ch == '"') {
        String quoted = ch == '\'' ? singleQuoted() : doubleQuoted();
        result.append(quoted);
        words.addRaw(quoted);
      } else if (ch == '$') {
        String value = new Substitution(this, env, options.skipUnsetEnv()).read();
        result.append(value);
        words.addExpanded(value);
      } else {
        ch = next();
        if (ch == escape) {
          if (rawEscapes) {
            words.addRaw(ch);
            result.appendCodePoint(ch);
          }
          ch = next();
          if (ch == EOF) {
            break;
          }
          words.addRaw(ch);
        } else {
          words.add(ch);
        }
        result.appendCodePoint(ch);
      }
    }
    if (stop != EOF) {
      throw new SyntaxFailure("unexpected end of statement while looking for matching " + Character.toString(stop));
    }
    return new Result(result.toString(), words.words());
  }

  // Single quotes keep everything literally; nothing escapes a single quote.
  private String singleQuoted() {
    StringBuilder result = new StringBuilder();
    int open = next();
    if (options.rawQuotes()) {
      result.appendCodePoint(open);
    }
    while (true) {
      int ch = next();
      if (ch == EOF) {
        throw new SyntaxFailure("unexpected end of statement while looking for matching single-quote");
      }
      if (ch == '\'') {
        if (options.rawQuotes()) {
          result.appendCodePoint(ch);
        }
        return result.toString();
      }
      result.appendCodePoint(ch);
    }
  }

  // Double quotes expand $ and let the escape character escape only ", $ and itself.
  private String doubleQuoted() {
    StringBuilder result = new StringBuilder();
    int open = next();
    if (options.rawQuotes()) {
      result.appendCodePoint(open);
    }
    while (true) {
      int ch = peek();
      if (ch == EOF) {
        throw new SyntaxFailure("unexpected end of statement while looking for matching double-quote");
      }
      if (ch == '"') {
        next();
        if (options.rawQuotes()) {
          result.appendCodePoint(ch);
        }
        return result.toString();
      }
      if (ch == '$') {
        result.append(new Substitution(this, env, options.skipUnsetEnv()).read());
        continue;
      }
      ch = next();
      if (ch == escape) {
        int after = peek();
        if (after == EOF) {
          continue;
        }
        if (after == '"' || after == '$' || after == escape) {
          if (options.rawEscapes()) {
            result.appendCodePoint(ch);
          }
          ch = next();
        }
      }
      result.appendCodePoint(ch);
    }
  }

  /** Docker's word accumulation: substituted text is split on white space, quoted text is not. */
  private static final class WordSplitter {
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;

    void add(int ch) {
      if (GoText.isSpace(ch)) {
        if (inWord && !word.isEmpty()) {
          flush();
        }
      } else {
        addRaw(ch);
      }
    }

    void addRaw(int ch) {
      word.appendCodePoint(ch);
      inWord = true;
    }

    void addRaw(String text) {
      word.append(text);
      inWord = true;
    }

    void addExpanded(String text) {
      text.codePoints().forEach(this::add);
    }

    List<String> words() {
      if (!word.isEmpty()) {
        flush();
      }
      return List.copyOf(words);
    }

    private void flush() {
      words.add(word.toString());
      word.setLength(0);
      inWord = false;
    }
  }
}
