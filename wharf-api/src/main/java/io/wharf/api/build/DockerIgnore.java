package io.wharf.api.build;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .dockerignore} file, with Docker's pattern semantics: one pattern a line, blank
 * lines and {@code #} comments skipped, surrounding spaces trimmed; {@code *} and {@code ?}
 * within one path element, {@code [...]} classes, {@code **} across any number of
 * directories, a leading {@code /} meaning the context root (as no slash does), {@code !}
 * re-including what an earlier line excluded. The last matching line decides, and a line that
 * matches a directory matches everything below it. Paths are relative to the context, with
 * {@code /} separators. Immutable and thread-safe.
 */
public final class DockerIgnore {
  private record Rule(String pattern, Pattern regex, boolean exception) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /** Nothing ignored. */
  public static DockerIgnore none() {
    return new DockerIgnore(List.of());
  }

  /** Parses a .dockerignore file's text; a malformed pattern is an IllegalArgumentException naming it. */
  public static DockerIgnore parse(String text) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean exception = line.startsWith("!");
      if (exception) {
        line = line.substring(1).strip();
      }
      String cleaned = clean(line);
      if (cleaned.isEmpty()) {
        continue;
      }
      try {
        rules.add(new Rule(line, Pattern.compile(regex(cleaned)), exception));
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("error checking context: syntax error in pattern: " + line);
      }
    }
    return new DockerIgnore(List.copyOf(rules));
  }

  /** True when {@code path} (relative, {@code /}-separated) is left out of the context. */
  public boolean excludes(String path) {
    String p = clean(path);
    if (p.isEmpty()) {
      return false;
    }
    boolean excluded = false;
    for (Rule rule : rules) {
      if (rule.exception() != excluded) {
        continue; // a rule can only change the answer the other way
      }
      if (matchesOrParentMatches(rule.regex(), p)) {
        excluded = !rule.exception();
      }
    }
    return excluded;
  }

  /**
   * Whether a directory that is excluded must still be walked because an exception may bring
   * back something below it.
   */
  public boolean hasExceptions() {
    return rules.stream().anyMatch(Rule::exception);
  }

  private static boolean matchesOrParentMatches(Pattern regex, String path) {
    if (regex.matcher(path).matches()) {
      return true;
    }
    int slash = path.indexOf('/');
    while (slash > 0) {
      if (regex.matcher(path.substring(0, slash)).matches()) {
        return true;
      }
      slash = path.indexOf('/', slash + 1);
    }
    return false;
  }

  /** As Go's filepath.Clean, relative: no leading {@code /} or {@code ./}, no empty or {@code .} elements, {@code ..} resolved. */
  static String clean(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.getLast().equals("..")) {
          parts.removeLast();
        }
        continue; // above the context root is the root
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  /** The pattern as a regular expression over a whole relative path. */
  static String regex(String pattern) {
    StringBuilder re = new StringBuilder();
    int n = pattern.length();
    for (int i = 0; i < n; i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < n && pattern.charAt(i + 1) == '*') {
            while (i + 1 < n && pattern.charAt(i + 1) == '*') {
              i++;
            }
            if (i + 1 < n && pattern.charAt(i + 1) == '/') {
              i++;
              re.append("(?:.*/)?"); // **/ : any number of directories, none included
            } else {
              re.append(".*");
            }
          } else {
            re.append("[^/]*");
          }
        }
        case '?' -> re.append("[^/]");
        case '[' -> {
          int end = pattern.indexOf(']', i + 2);
          if (end < 0) {
            throw new java.util.regex.PatternSyntaxException("unterminated class", pattern, i);
          }
          String body = pattern.substring(i + 1, end);
          if (body.startsWith("^") || body.startsWith("!")) {
            body = "^" + body.substring(1);
          }
          re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = end;
        }
        case '\\' -> {
          if (i + 1 < n) {
            re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
