package io.wharf.oci.build;

import io.wharf.oci.errors.InvalidArgument;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code .dockerignore} file as the Docker daemon reads it (moby's {@code ignorefile.ReadAll}
 * and {@code patternmatcher}): a UTF-8 BOM dropped, lines starting with {@code #} skipped before
 * trimming, each pattern cleaned and a leading {@code /} dropped, {@code !} marking an exception;
 * {@code *} and {@code ?} within one element, {@code **} across elements, classes passed to the
 * regular expression as they are (so {@code [!a]} is not a negation, exactly as in Docker). A
 * path is excluded when the last rule that matches it, or one of its parent directories, is not
 * an exception.
 *
 * <p>One matcher for the CLI (which leaves ignored files out of the context it sends) and the
 * engine (which removes them from a context it receives). Immutable and thread-safe.
 */
public final class DockerIgnore {
  private record Rule(Pattern regex, boolean exception) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /** Parses the file's text; a malformed pattern is an {@link InvalidArgument} naming it. */
  public static DockerIgnore parse(String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Rule> rules = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      String pattern = line.strip();
      if (pattern.isEmpty()) {
        continue;
      }
      boolean exception = pattern.startsWith("!");
      if (exception) {
        pattern = pattern.substring(1).strip();
        if (pattern.isEmpty()) {
          throw new InvalidArgument("failed to parse dockerignore: illegal exclusion pattern: \"!\"");
        }
      }
      pattern = goClean(pattern);
      if (pattern.length() > 1 && pattern.startsWith("/")) {
        pattern = pattern.substring(1);
      }
      try {
        rules.add(new Rule(Pattern.compile(regex(pattern)), exception));
      } catch (PatternSyntaxException e) {
        throw new InvalidArgument("failed to parse dockerignore: syntax error in pattern: " + pattern);
      }
    }
    return new DockerIgnore(List.copyOf(rules));
  }

  /** Whether {@code path} (relative to the context, {@code /}-separated) is left out. */
  public boolean excludes(String path) {
    String file = goClean(path);
    if (file.equals(".") || file.isEmpty()) {
      return false;
    }
    boolean excluded = false;
    for (Rule rule : rules) {
      if (rule.exception() != excluded) {
        continue; // a rule can only turn the answer the other way
      }
      if (matchesOrParentMatches(rule.regex(), file)) {
        excluded = !rule.exception();
      }
    }
    return excluded;
  }

  /** Whether some rule brings back what an earlier one excluded. */
  public boolean hasExceptions() {
    return rules.stream().anyMatch(Rule::exception);
  }

  private static boolean matchesOrParentMatches(Pattern regex, String file) {
    if (regex.matcher(file).matches()) {
      return true;
    }
    for (int slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) {
      if (regex.matcher(file.substring(0, slash)).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Go's {@code filepath.Clean}: a relative path keeps its leading {@code ..}s. */
  public static String goClean(String path) {
    boolean absolute = path.startsWith("/");
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") && !parts.isEmpty() && !parts.getLast().equals("..")) {
        parts.removeLast();
      } else if (!(part.equals("..") && absolute)) {
        parts.add(part);
      }
    }
    String joined = String.join("/", parts);
    return absolute ? "/" + joined : joined.isEmpty() ? "." : joined;
  }

  /** patternmatcher's translation of a pattern into a regular expression. */
  static String regex(String pattern) {
    StringBuilder re = new StringBuilder("^");
    int[] cs = pattern.codePoints().toArray();
    boolean inClass = false;
    for (int i = 0; i < cs.length; i++) {
      int c = cs[i];
      if (c == '*') {
        if (i + 1 < cs.length && cs[i + 1] == '*') {
          i++;
          if (i + 1 < cs.length && cs[i + 1] == '/') {
            i++; // **/ is read as **
          }
          re.append(i + 1 == cs.length ? ".*" : "(.*/)?");
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (".+()|{}$".indexOf(c) >= 0) {
        re.append('\\').appendCodePoint(c);
      } else if (c == '\\') {
        re.append('\\');
        if (i + 1 < cs.length) {
          re.appendCodePoint(cs[++i]);
        }
      } else if (c == '[') {
        re.append(inClass ? "\\[" : "[");
        inClass = true;
      } else if (c == ']') {
        re.append(']');
        inClass = false;
      } else if (c == '&' && inClass) {
        re.append("\\&"); // Java's class intersection; a plain character in Go
      } else {
        re.appendCodePoint(c);
      }
    }
    return re.append('$').toString();
  }
}
