package io.wharf.registry.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A registry's authentication challenge, from {@code WWW-Authenticate}:
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="…"}
 * or {@code Basic realm="Registry"}. Immutable.
 *
 * @param scheme {@code bearer} or {@code basic}, lower case
 * @param params the auth parameters, names in lower case
 */
record Challenge(String scheme, Map<String, String> params) {
  Challenge {
    params = Map.copyOf(params);
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  String param(String name) {
    return params.get(name);
  }

  /**
   * The challenge to answer among the header's values: Bearer before Basic, as Docker
   * prefers; null when there is neither.
   */
  static Challenge select(List<String> headerValues) {
    Challenge basic = null;
    for (String value : headerValues) {
      for (Challenge challenge : parse(value)) {
        if (challenge.isBearer()) {
          return challenge;
        }
        if (challenge.scheme().equals("basic") && basic == null) {
          basic = challenge;
        }
      }
    }
    return basic;
  }

  /** All challenges in one header value (RFC 7235: schemes and comma-separated params). */
  static List<Challenge> parse(String header) {
    List<Challenge> challenges = new ArrayList<>();
    Cursor cursor = new Cursor(header);
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (cursor.skipSeparators()) {
      String token = cursor.token();
      if (token.isEmpty()) {
        cursor.pos++;
        continue;
      }
      cursor.skipSpaces();
      if (scheme != null && cursor.peek() == '=') {
        cursor.pos++;
        cursor.skipSpaces();
        params.put(token.toLowerCase(Locale.ROOT), cursor.peek() == '"' ? cursor.quoted() : cursor.token());
      } else {
        if (scheme != null) {
          challenges.add(new Challenge(scheme, params));
        }
        scheme = token.toLowerCase(Locale.ROOT);
        params = new LinkedHashMap<>();
      }
    }
    if (scheme != null) {
      challenges.add(new Challenge(scheme, params));
    }
    return challenges;
  }

  private static final class Cursor {
    private final String text;
    private int pos;

    Cursor(String text) {
      this.text = text;
    }

    char peek() {
      return pos < text.length() ? text.charAt(pos) : 0;
    }

    void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    /** Skips spaces and commas; false at the end. */
    boolean skipSeparators() {
      while (pos < text.length() && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ',')) {
        pos++;
      }
      return pos < text.length();
    }

    String token() {
      int start = pos;
      while (pos < text.length() && "=, \t\"".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      return text.substring(start, pos);
    }

    String quoted() {
      StringBuilder value = new StringBuilder();
      pos++;
      while (pos < text.length() && text.charAt(pos) != '"') {
        if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
          pos++;
        }
        value.append(text.charAt(pos++));
      }
      pos++;
      return value.toString();
    }
  }
}
