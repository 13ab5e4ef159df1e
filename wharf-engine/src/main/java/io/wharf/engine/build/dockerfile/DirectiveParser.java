package io.wharf.engine.build.dockerfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the parser directives at the top of a Dockerfile. Directives are comment lines of the form
 * {@code # name=value} with a known name (syntax, escape, check; case-insensitive); the first line
 * that is not one — an instruction, a blank line, any other comment — ends them, and a directive
 * after that point is an ordinary comment, as in Docker. Not thread-safe: one per parse.
 */
final class DirectiveParser {
  private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
  private static final Set<String> KNOWN = Set.of("syntax", "escape", "check");

  private final List<Directive> directives = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private boolean done;
  private char escape = '\\';

  /** Looks at one line (leading white space already removed) while directives may still come. */
  void offer(String line, int number) {
    if (done) {
      return;
    }
    Matcher m = DIRECTIVE.matcher(line);
    String name = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    if (name == null || !KNOWN.contains(name)) {
      done = true;
      return;
    }
    if (!seen.add(name)) {
      throw new SyntaxFailure("only one " + name + " parser directive can be used");
    }
    String value = m.group(2);
    if (name.equals("escape")) {
      if (!value.equals("`") && !value.equals("\\")) {
        throw new SyntaxFailure("invalid escape token '" + value + "' does not match ` or \\");
      }
      escape = value.charAt(0);
    }
    directives.add(new Directive(name, value, number));
  }

  /** The escape character in force: {@code \} unless {@code # escape=`} said otherwise. */
  char escape() {
    return escape;
  }

  List<Directive> directives() {
    return List.copyOf(directives);
  }
}
