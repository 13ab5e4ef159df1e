package io.wharf.cli.format;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, which pflag's duration flags use ({@code --health-interval 30s}):
 * a sign, then numbers with units, {@code 1h30m}, {@code 1.5s}, {@code 300ms}; {@code 0} alone needs
 * no unit. Errors in Go's words ({@code time: missing unit in duration "5"}). Stateless.
 */
public final class GoDuration {
  private static final BigInteger MAX_MAGNITUDE = BigInteger.ONE.shiftLeft(63);
  private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L,
      "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private GoDuration() {}

  /** The duration {@code text} names, in nanoseconds; IllegalArgumentException in Go's words otherwise. */
  public static long parseNanos(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigInteger total = BigInteger.ZERO;
    int at = 0;
    while (at < s.length()) {
      char first = s.charAt(at);
      if (first != '.' && !isDigit(first)) {
        throw invalid(text);
      }
      int start = at;
      while (at < s.length() && isDigit(s.charAt(at))) {
        at++;
      }
      boolean digitsBefore = at > start;
      BigInteger whole = digitsBefore ? new BigInteger(s.substring(start, at)) : BigInteger.ZERO;
      if (whole.compareTo(MAX_MAGNITUDE) > 0) {
        throw invalid(text);
      }
      long fraction = 0;
      double scale = 1;
      boolean digitsAfter = false;
      if (at < s.length() && s.charAt(at) == '.') {
        at++;
        boolean overflow = false;
        for (; at < s.length() && isDigit(s.charAt(at)); at++) {
          digitsAfter = true;
          // as Go: digits past what 63 bits hold add no precision
          int digit = s.charAt(at) - '0';
          if (overflow || fraction > Long.MAX_VALUE / 10 || fraction * 10 > Long.MAX_VALUE - digit) {
            overflow = true;
            continue;
          }
          fraction = fraction * 10 + digit;
          scale *= 10;
        }
      }
      if (!digitsBefore && !digitsAfter) {
        throw invalid(text);
      }
      int unitStart = at;
      while (at < s.length() && s.charAt(at) != '.' && !isDigit(s.charAt(at))) {
        at++;
      }
      if (at == unitStart) {
        throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
      }
      String unitName = s.substring(unitStart, at);
      Long unit = UNITS.get(unitName);
      if (unit == null) {
        throw new IllegalArgumentException("time: unknown unit " + quote(unitName) + " in duration " + quote(text));
      }
      BigInteger value = whole.multiply(BigInteger.valueOf(unit));
      if (value.compareTo(MAX_MAGNITUDE) > 0) {
        throw invalid(text);
      }
      if (fraction > 0) {
        // Go computes the fraction in float64, nanosecond-accurate up to hours
        value = value.add(BigInteger.valueOf((long) (fraction * (unit / scale))));
        if (value.compareTo(MAX_MAGNITUDE) > 0) {
          throw invalid(text);
        }
      }
      total = total.add(value);
      if (total.compareTo(MAX_MAGNITUDE) > 0) {
        throw invalid(text);
      }
    }
    if (negative) {
      return total.negate().longValue();
    }
    if (total.compareTo(MAX_MAGNITUDE) >= 0) {
      throw invalid(text);
    }
    return total.longValue();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("time: invalid duration " + quote(text));
  }

  /** The time package's quoting: backslashes before quotes, other bytes past ASCII as {@code \xNN}. */
  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c >= 0x80 || c < ' ') {
        for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
          out.append(String.format("\\x%02x", b & 0xff));
        }
      } else {
        if (c == '"' || c == '\\') {
          out.append('\\');
        }
        out.append((char) c);
      }
    }
    return out.append('"').toString();
  }
}
