package io.wharf.engine.build.dockerfile;

import java.util.Map;

/**
 * One {@code $…} reference read from a {@link ShellLexer}: {@code $NAME}, {@code ${NAME}} and the
 * modifiers Docker supports — {@code -} and {@code +} (default, alternative), {@code ?} (error),
 * each also with {@code :} to treat an empty value as unset, {@code #}/{@code ##} and
 * {@code %}/{@code %%} (remove a shortest/longest prefix/suffix pattern) and {@code /}/{@code //}
 * (replace first/all). Not thread-safe: used once.
 */
final class Substitution {
  private final ShellLexer lexer;
  private final Map<String, String> env;
  private final boolean skipUnset;

  Substitution(ShellLexer lexer, Map<String, String> env, boolean skipUnset) {
    this.lexer = lexer;
    this.env = env;
    this.skipUnset = skipUnset;
  }

  /** The value the reference expands to; the lexer stands on the {@code $}. */
  String read() {
    lexer.next();
    if (lexer.peek() != '{') {
      String name = name();
      if (name.isEmpty()) {
        return "$";
      }
      if (!env.containsKey(name) && skipUnset) {
        return "$" + name;
      }
      return env.getOrDefault(name, "");
    }
    lexer.next();
    switch (lexer.peek()) {
      case ShellLexer.EOF -> throw new SyntaxFailure("syntax error: missing '}'");
      case '{', '}', ':' -> throw new SyntaxFailure("syntax error: bad substitution");
      default -> { }
    }
    String name = name();
    int ch = lexer.next();
    if (ch == ShellLexer.EOF) {
      throw new SyntaxFailure("syntax error: missing '}'");
    }
    if (ch == '}') {
      if (!env.containsKey(name) && skipUnset) {
        return "${" + name + "}";
      }
      return env.getOrDefault(name, "");
    }
    if (ch == '/') {
      return replace(name);
    }
    boolean nullIsUnset = ch == ':';
    String modifier = Character.toString(ch);
    if (nullIsUnset) {
      ch = lexer.next();
      modifier += ch == ShellLexer.EOF ? "" : Character.toString(ch);
    }
    if (!nullIsUnset && "+-?#%".indexOf(ch) < 0) {
      throw new SyntaxFailure("unsupported modifier (" + modifier + ") in substitution");
    }
    boolean pattern = ch == '#' || ch == '%';
    if (nullIsUnset && pattern) {
      throw new SyntaxFailure("unsupported modifier (" + modifier + ") in substitution");
    }
    String word = untilBrace(pattern);
    if (!env.containsKey(name) && skipUnset) {
      return "${" + name + modifier + word + "}";
    }
    return apply(name, ch, modifier, word, nullIsUnset);
  }

  private String apply(String name, int op, String modifier, String word, boolean nullIsUnset) {
    String value = env.get(name);
    boolean unset = value == null || (nullIsUnset && value.isEmpty());
    return switch (op) {
      case '-' -> unset ? word : value;
      case '+' -> unset ? "" : word;
      case '?' -> {
        if (value == null) {
          throw new SyntaxFailure(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
        }
        if (unset) {
          throw new SyntaxFailure(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
        }
        yield value;
      }
      case '#', '%' -> {
        boolean longest = !word.isEmpty() && word.charAt(0) == op;
        ShellPattern glob = new ShellPattern(longest ? word.substring(1) : word, escapeOf());
        String subject = value == null ? "" : value;
        yield op == '#' ? glob.removePrefix(subject, longest) : glob.removeSuffix(subject, longest);
      }
      default -> throw new SyntaxFailure("unsupported modifier (" + modifier + ") in substitution");
    };
  }

  private String replace(String name) {
    boolean all = lexer.peek() == '/';
    if (all) {
      lexer.next();
    }
    String pattern;
    try {
      pattern = lexer.until('/', true).word();
    } catch (SyntaxFailure e) {
      throw lexer.peek() == ShellLexer.EOF ? new SyntaxFailure("syntax error: missing '/' in ${}") : e;
    }
    String replacement = untilBrace(true);
    if (!env.containsKey(name) && skipUnset) {
      return "${" + name + "/" + pattern + "/" + replacement + "}";
    }
    return new ShellPattern(pattern, escapeOf()).replace(env.getOrDefault(name, ""), replacement, all);
  }

  private String untilBrace(boolean keepEscapes) {
    try {
      return lexer.until('}', keepEscapes).word();
    } catch (SyntaxFailure e) {
      throw lexer.peek() == ShellLexer.EOF ? new SyntaxFailure("syntax error: missing '}'") : e;
    }
  }

  // A name is letters, digits and _; or a run of digits (positional); or one special parameter.
  private String name() {
    StringBuilder name = new StringBuilder();
    while (lexer.peek() != ShellLexer.EOF) {
      int ch = lexer.peek();
      if (name.isEmpty() && Character.isDigit(ch)) {
        while (lexer.peek() != ShellLexer.EOF && Character.isDigit(lexer.peek())) {
          name.appendCodePoint(lexer.next());
        }
        return name.toString();
      }
      if (name.isEmpty() && "@*#?-$!".indexOf(ch) >= 0) {
        return Character.toString(lexer.next());
      }
      if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
        break;
      }
      name.appendCodePoint(lexer.next());
    }
    return name.toString();
  }

  private int escapeOf() {
    return lexer.escape();
  }
}
