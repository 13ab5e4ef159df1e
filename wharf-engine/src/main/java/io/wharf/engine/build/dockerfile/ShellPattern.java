package io.wharf.engine.build.dockerfile;

import java.util.regex.Pattern;

/**
 * A shell pattern as used in {@code ${VAR#pattern}}, {@code ${VAR%pattern}} and
 * {@code ${VAR/pattern/replacement}}: {@code *} any text, {@code ?} one character,
 * {@code [...]} a class ({@code [!...]} negated), the escape character makes the next one literal.
 * Immutable and thread-safe.
 */
final class ShellPattern {
  private final Pattern regex;

  ShellPattern(String glob, int escape) {
    this.regex = Pattern.compile(toRegex(glob, escape), Pattern.DOTALL);
  }

  /** {@code value} without the shortest (or longest) prefix the pattern matches. */
  String removePrefix(String value, boolean longest) {
    for (int n = 0; n <= value.length(); n++) {
      int end = longest ? value.length() - n : n;
      if (matches(value, 0, end)) {
        return value.substring(end);
      }
    }
    return value;
  }

  /** {@code value} without the shortest (or longest) suffix the pattern matches. */
  String removeSuffix(String value, boolean longest) {
    for (int n = 0; n <= value.length(); n++) {
      int start = longest ? n : value.length() - n;
      if (matches(value, start, value.length())) {
        return value.substring(0, start);
      }
    }
    return value;
  }

  /** {@code value} with the leftmost longest match (or every match) replaced. */
  String replace(String value, String replacement, boolean all) {
    StringBuilder out = new StringBuilder();
    int start = 0;
    while (start <= value.length()) {
      int end = longestMatchAt(value, start);
      if (end < 0 || end == start) {
        if (start < value.length()) {
          out.append(value.charAt(start));
        }
        start++;
        continue;
      }
      out.append(replacement);
      start = end;
      if (!all) {
        out.append(value, start, value.length());
        return out.toString();
      }
    }
    return out.toString();
  }

  private int longestMatchAt(String value, int start) {
    for (int end = value.length(); end >= start; end--) {
      if (matches(value, start, end)) {
        return end;
      }
    }
    return -1;
  }

  private boolean matches(String value, int start, int end) {
    return regex.matcher(value).region(start, end).matches();
  }

  private static String toRegex(String glob, int escape) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == escape && i + 1 < glob.length()) {
        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[' && classEnd(glob, i) > 0) {
        int end = classEnd(glob, i);
        re.append(charClass(glob.substring(i + 1, end)));
        i = end;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }

  // The index of the ] closing the class opened at {@code open}, or -1; a ] first in the class is literal.
  private static int classEnd(String glob, int open) {
    int i = open + 1;
    if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
      i++;
    }
    if (i < glob.length() && glob.charAt(i) == ']') {
      i++;
    }
    return glob.indexOf(']', i);
  }

  private static String charClass(String body) {
    StringBuilder cls = new StringBuilder("[");
    int i = 0;
    if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
      cls.append('^');
      i = 1;
    }
    for (; i < body.length(); i++) {
      char c = body.charAt(i);
      cls.append("\\[]&^".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c));
    }
    return cls.append(']').toString();
  }
}
