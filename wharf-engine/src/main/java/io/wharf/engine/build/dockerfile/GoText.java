package io.wharf.engine.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The text rules of Docker's Go code that the parser must reproduce: what counts as white space
 * ({@code unicode.IsSpace}), the narrower separator of instruction tokens ({@code [\t\v\f\r ]+})
 * and the {@code %q} quoting its error messages use. Stateless.
 */
final class GoText {
  private GoText() {}

  /** Go's {@code unicode.IsSpace}. */
  static boolean isSpace(int c) {
    return switch (c) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
      default -> c > 0xFF && Character.isSpaceChar(c);
    };
  }

  /** The characters Docker splits instruction tokens on: tab, vertical tab, form feed, CR, space. */
  static boolean isTokenSpace(int c) {
    return c == '\t' || c == 0x0B || c == '\f' || c == '\r' || c == ' ';
  }

  static String trimLeft(String s) {
    int start = 0;
    while (start < s.length() && isSpace(s.charAt(start))) {
      start++;
    }
    return s.substring(start);
  }

  static String trim(String s) {
    String left = trimLeft(s);
    int end = left.length();
    while (end > 0 && isSpace(left.charAt(end - 1))) {
      end--;
    }
    return left.substring(0, end);
  }

  /**
   * {@code s} split on runs of token spaces, into at most {@code limit} parts (no limit when
   * {@code limit <= 0}); the last part keeps the rest as written. {@code s} must be trimmed.
   */
  static List<String> splitTokens(String s, int limit) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i <= s.length()) {
      if (limit > 0 && parts.size() == limit - 1) {
        parts.add(s.substring(i));
        break;
      }
      int end = i;
      while (end < s.length() && !isTokenSpace(s.charAt(end))) {
        end++;
      }
      parts.add(s.substring(i, end));
      if (end == s.length()) {
        break;
      }
      i = end;
      while (i < s.length() && isTokenSpace(s.charAt(i))) {
        i++;
      }
    }
    return parts;
  }

  /** Go's {@code %q}: the string in double quotes with quotes, backslashes and controls escaped. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7F) {
            out.append(String.format("\\x%02x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.append('"').toString();
  }
}
