package io.wharf.engine.build.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --name[=value]} flags between an instruction's keyword and its arguments: how Docker
 * cuts them off the line, and which ones each instruction accepts. A boolean flag given without a
 * value is {@code "true"}; {@code --mount}, {@code --exclude} and {@code --device} may repeat.
 * Stateless.
 */
final class BuilderFlags {
  private enum Kind { BOOL, STRING, STRINGS }

  private static final Map<String, Map<String, Kind>> ACCEPTED = Map.of(
      "ADD", Map.of("chown", Kind.STRING, "chmod", Kind.STRING, "link", Kind.BOOL, "keep-git-dir", Kind.BOOL,
          "checksum", Kind.STRING, "unpack", Kind.BOOL, "exclude", Kind.STRINGS),
      "COPY", Map.of("chown", Kind.STRING, "chmod", Kind.STRING, "from", Kind.STRING, "link", Kind.BOOL,
          "parents", Kind.BOOL, "exclude", Kind.STRINGS),
      "FROM", Map.of("platform", Kind.STRING),
      "RUN", Map.of("mount", Kind.STRINGS, "network", Kind.STRING, "security", Kind.STRING, "device", Kind.STRINGS),
      "HEALTHCHECK", Map.of("interval", Kind.STRING, "timeout", Kind.STRING, "start-period", Kind.STRING,
          "start-interval", Kind.STRING, "retries", Kind.STRING));

  /** The flag words of a line and the arguments after them. */
  record Split(List<String> flags, String rest) {}

  private BuilderFlags() {}

  /**
   * Cuts the leading words that start with {@code --} off {@code line}. Quotes in a flag word are
   * removed and {@code \} escapes the next character; a lone {@code --} ends the flags.
   */
  static Split split(String line) {
    List<String> words = new ArrayList<>();
    int pos = 0;
    while (true) {
      while (pos < line.length() && GoText.isSpace(line.charAt(pos))) {
        pos++;
      }
      if (pos == line.length()) {
        return new Split(words, "");
      }
      if (!line.startsWith("--", pos)) {
        return new Split(words, line.substring(pos));
      }
      StringBuilder word = new StringBuilder();
      boolean blankOk = false;
      char quote = 0;
      for (; pos < line.length(); pos++) {
        char ch = line.charAt(pos);
        if (quote == 0 && GoText.isSpace(ch)) {
          break;
        } else if (quote == 0 && (ch == '\'' || ch == '"')) {
          quote = ch;
          blankOk = true;
        } else if (quote != 0 && ch == quote) {
          quote = 0;
        } else if (ch == '\\') {
          if (pos + 1 < line.length()) {
            word.append(line.charAt(++pos));
          } else {
            quote = 0;
          }
        } else {
          word.append(ch);
        }
      }
      if (word.toString().equals("--")) {
        return new Split(words, pos == line.length() ? "" : line.substring(pos));
      }
      if (blankOk || !word.isEmpty()) {
        words.add(word.toString());
      }
    }
  }

  /** The flags of {@code keyword} by name, in order; errors in Docker's words for unknown or bad ones. */
  static Map<String, String> parse(String keyword, List<String> flags) {
    Map<String, Kind> accepted = ACCEPTED.getOrDefault(keyword, Map.of());
    Map<String, String> values = new LinkedHashMap<>();
    for (String flag : flags) {
      if (!flag.startsWith("--")) {
        throw new SyntaxFailure("arg should start with -- : " + flag);
      }
      String body = flag.substring(2);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      String value = eq < 0 ? "" : body.substring(eq + 1);
      Kind kind = accepted.get(name);
      if (kind == null) {
        throw new SyntaxFailure("unknown flag: " + name);
      }
      if (values.containsKey(name) && kind != Kind.STRINGS) {
        throw new SyntaxFailure("duplicate flag specified: " + name);
      }
      values.put(name, kind == Kind.BOOL ? bool(name, value, eq >= 0) : string(name, value, eq >= 0));
    }
    return values;
  }

  private static String bool(String name, String value, boolean hasEquals) {
    if (hasEquals && value.isEmpty()) {
      throw new SyntaxFailure("missing a value on flag: " + name);
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.isEmpty()) {
      return "true";
    }
    if (!lower.equals("true") && !lower.equals("false")) {
      throw new SyntaxFailure("expecting boolean value for flag " + name + ", not: " + value);
    }
    return lower;
  }

  private static String string(String name, String value, boolean hasEquals) {
    if (!hasEquals) {
      throw new SyntaxFailure("missing a value on flag: " + name);
    }
    return value;
  }
}
