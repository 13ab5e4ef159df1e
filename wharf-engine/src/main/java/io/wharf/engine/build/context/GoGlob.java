package io.wharf.engine.build.context;

/**
 * Go's {@code path/filepath.Match} on Linux, which Docker's classic builder uses for COPY and
 * ADD sources: {@code *} any run of characters but {@code /}, {@code ?} one character but
 * {@code /}, {@code [a-z]} and {@code [^a-z]} classes (which, as in Go, may match {@code /}),
 * {@code \} escaping the next character. A malformed pattern matches nothing, as Docker ignores
 * Match's error. Stateless.
 */
final class GoGlob {
  private static final class BadPattern extends Exception {
    private static final long serialVersionUID = 1L;

    BadPattern() {
      super(null, null, false, false);
    }
  }

  private GoGlob() {}

  /** Docker's {@code containsWildcards}: an unescaped {@code *}, {@code ?} or {@code [}. */
  static boolean hasWildcards(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  /** Whether the whole of {@code name} matches {@code pattern}. */
  static boolean match(String pattern, String name) {
    try {
      return match(pattern.codePoints().toArray(), name.codePoints().toArray());
    } catch (BadPattern e) {
      return false;
    }
  }

  private static boolean match(int[] p, int[] s) throws BadPattern {
    int pi = 0;
    int si = 0;
    pattern:
    while (pi < p.length) {
      boolean star = false;
      while (pi < p.length && p[pi] == '*') {
        pi++;
        star = true;
      }
      int chunkEnd = chunkEnd(p, pi);
      if (star && chunkEnd == pi) {
        for (int i = si; i < s.length; i++) {
          if (s[i] == '/') {
            return false; // a trailing * does not cross a /
          }
        }
        return true;
      }
      int rest = matchChunk(p, pi, chunkEnd, s, si);
      if (rest >= 0 && (rest == s.length || chunkEnd < p.length)) {
        si = rest;
        pi = chunkEnd;
        continue;
      }
      if (star) {
        for (int i = si; i < s.length && s[i] != '/'; i++) {
          rest = matchChunk(p, pi, chunkEnd, s, i + 1);
          if (rest >= 0) {
            if (chunkEnd == p.length && rest < s.length) {
              continue;
            }
            si = rest;
            pi = chunkEnd;
            continue pattern;
          }
        }
      }
      return false;
    }
    return si == s.length;
  }

  /** Where the chunk starting at {@code from} ends: at the next {@code *} outside a class. */
  private static int chunkEnd(int[] p, int from) {
    boolean inRange = false;
    int i = from;
    for (; i < p.length; i++) {
      switch (p[i]) {
        case '\\' -> {
          if (i + 1 < p.length) {
            i++;
          }
        }
        case '[' -> inRange = true;
        case ']' -> inRange = false;
        case '*' -> {
          if (!inRange) {
            return i;
          }
        }
        default -> { }
      }
    }
    return i;
  }

  /** The index in {@code s} after matching the chunk {@code p[from, to)} at {@code si}, or -1. */
  private static int matchChunk(int[] p, int from, int to, int[] s, int si) throws BadPattern {
    boolean failed = false;
    int pi = from;
    while (pi < to) {
      if (!failed && si >= s.length) {
        failed = true;
      }
      switch (p[pi]) {
        case '[' -> {
          int r = failed ? -1 : s[si++];
          pi++;
          boolean negated = pi < to && p[pi] == '^';
          if (negated) {
            pi++;
          }
          boolean matched = false;
          int ranges = 0;
          while (true) {
            if (pi < to && p[pi] == ']' && ranges > 0) {
              pi++;
              break;
            }
            int[] lo = escaped(p, pi, to);
            int hi = lo[0];
            pi = lo[1];
            if (p[pi] == '-') {
              int[] h = escaped(p, pi + 1, to);
              hi = h[0];
              pi = h[1];
            }
            if (lo[0] <= r && r <= hi) {
              matched = true;
            }
            ranges++;
          }
          if (matched == negated) {
            failed = true;
          }
        }
        case '?' -> {
          if (!failed) {
            if (s[si] == '/') {
              failed = true;
            }
            si++;
          }
          pi++;
        }
        default -> {
          if (p[pi] == '\\') {
            pi++;
            if (pi >= to) {
              throw new BadPattern();
            }
          }
          if (!failed) {
            if (p[pi] != s[si]) {
              failed = true;
            }
            si++;
          }
          pi++;
        }
      }
    }
    return failed ? -1 : si;
  }

  /** Go's getEsc: one possibly escaped class character and the index after it. */
  private static int[] escaped(int[] p, int pi, int to) throws BadPattern {
    if (pi >= to || p[pi] == '-' || p[pi] == ']') {
      throw new BadPattern();
    }
    if (p[pi] == '\\') {
      pi++;
      if (pi >= to) {
        throw new BadPattern();
      }
    }
    int c = p[pi++];
    if (pi >= to) {
      throw new BadPattern();
    }
    return new int[] {c, pi};
  }
}
