package io.wharf.engine.build.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Substitutes variables in Dockerfile words the way Docker's shell lexer does.
 *
 * <p>Supported: {@code $VAR} and {@code ${VAR}}; {@code ${VAR:-default}} / {@code ${VAR-default}}
 * (default when empty-or-unset / unset); {@code ${VAR:+alt}} / {@code ${VAR+alt}} (alternative when
 * set-and-non-empty / set); {@code ${VAR:?message}} / {@code ${VAR?message}} (error); the pattern
 * removals {@code ${VAR#p}}, {@code ${VAR##p}}, {@code ${VAR%p}}, {@code ${VAR%%p}} and the
 * replacements {@code ${VAR/p/r}}, {@code ${VAR//p/r}}. Single quotes protect their text, double
 * quotes allow substitution, and the Dockerfile's escape character makes the next character
 * literal ({@code \$HOME} stays {@code $HOME}). Quotes are removed from the result. A variable not
 * in the map expands to the empty string. Names are case-sensitive (Docker on Linux).
 *
 * <p>Example: with {@code {"A": "x y"}}, {@code expand("${A}-'$A'")} is {@code "x y-$A"} and
 * {@code expandWords("$A \"b c\"")} is {@code ["x", "y", "b c"]}.
 *
 * <p>The caller supplies the scope (the ARG and ENV values in force). Errors are
 * {@link io.wharf.oci.errors.InvalidArgument}s worded as Docker's, e.g.
 * {@code failed to process "${A:?}": A: is not allowed to be empty}. Immutable and thread-safe.
 */
public final class VariableExpander {
  /**
   * The instructions whose arguments Docker expands before it executes them. ONBUILD is not one
   * (its trigger is expanded when a child image runs it), and neither are RUN, CMD, ENTRYPOINT,
   * SHELL, HEALTHCHECK and MAINTAINER, whose text is left to the shell or kept as written.
   */
  public static final Set<String> EXPANDING_INSTRUCTIONS =
      Set.of("ADD", "ARG", "COPY", "ENV", "EXPOSE", "FROM", "LABEL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

  private final char escape;

  /** An expander using {@code escape} ({@code \} or {@code `}) as the escape character. */
  public VariableExpander(char escape) {
    this.escape = escape;
  }

  /** An expander with the escape character of {@code dockerfile}. */
  public static VariableExpander of(Dockerfile dockerfile) {
    return new VariableExpander(dockerfile.escape());
  }

  /** True when Docker expands variables in the arguments of {@code keyword}. */
  public static boolean expands(String keyword) {
    return EXPANDING_INSTRUCTIONS.contains(keyword.toUpperCase(Locale.ROOT));
  }

  /** {@code word} with its variables substituted and quotes removed, as one string. */
  public String expand(String word, Map<String, String> variables) {
    return ShellLexer.process(word, variables, escape, ShellLexer.Options.PLAIN).word();
  }

  /**
   * {@code text} substituted and split into words on white space outside quotes; the text a
   * variable expands to is split too, quoted text never is (Docker's {@code ProcessWords}).
   */
  public List<String> expandWords(String text, Map<String, String> variables) {
    return ShellLexer.process(text, variables, escape, ShellLexer.Options.PLAIN).words();
  }
}
