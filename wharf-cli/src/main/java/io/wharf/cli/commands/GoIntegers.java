package io.wharf.cli.commands;

import java.math.BigInteger;

/**
 * Numbers as pflag reads its integer flags: Go's {@code strconv.ParseInt} and {@code ParseUint}
 * with base 0, so {@code 0x10}, {@code 0o17}, {@code 0b101}, {@code 017} (octal) and
 * {@code 1_000} are numbers too; errors in Go's words. Stateless.
 */
final class GoIntegers {
  private GoIntegers() {}

  /**
   * {@code text} as a {@code bits}-bit integer, signed or not; a flag error naming {@code flag}
   * ({@code strconv.ParseInt: parsing "x": invalid syntax}) otherwise.
   */
  static long parse(String text, int bits, boolean signed, String flag) {
    String function = signed ? "strconv.ParseInt" : "strconv.ParseUint";
    BigInteger value = value(text, signed);
    if (value == null) {
      throw FlagValues.invalid(text, flag, function + ": parsing \"" + text + "\": invalid syntax");
    }
    BigInteger limit = BigInteger.ONE.shiftLeft(signed ? bits - 1 : bits);
    if (value.compareTo(limit) >= 0 || value.compareTo(signed ? limit.negate() : BigInteger.ZERO) < 0) {
      throw FlagValues.invalid(text, flag, function + ": parsing \"" + text + "\": value out of range");
    }
    return value.longValue();
  }

  /** The value of {@code text} in Go's base-0 syntax, or null when it is not a number. */
  private static BigInteger value(String text, boolean signed) {
    String s = text;
    boolean negative = false;
    if (signed && !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.isEmpty() || !underscoresSeparateDigits(s)) {
      return null;
    }
    int radix = 10;
    if (s.length() >= 3 && s.charAt(0) == '0' && "bBoOxX".indexOf(s.charAt(1)) >= 0) {
      radix = switch (Character.toLowerCase(s.charAt(1))) {
        case 'b' -> 2;
        case 'o' -> 8;
        default -> 16;
      };
      s = s.substring(2);
    } else if (s.length() > 1 && s.charAt(0) == '0') {
      radix = 8;
      s = s.substring(1);
    }
    s = s.replace("_", "");
    if (s.isEmpty()) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || Character.digit(c, radix) < 0) {
        return null;
      }
    }
    BigInteger magnitude = new BigInteger(s, radix);
    return negative ? magnitude.negate() : magnitude;
  }

  /** Go's {@code underscoreOK}: each underscore between digits (or after a base prefix). */
  private static boolean underscoresSeparateDigits(String s) {
    char saw = '^';
    int i = 0;
    boolean hex = false;
    if (s.length() >= 2 && s.charAt(0) == '0' && "bBoOxX".indexOf(s.charAt(1)) >= 0) {
      i = 2;
      saw = '0';
      hex = Character.toLowerCase(s.charAt(1)) == 'x';
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9' || hex && "abcdefABCDEF".indexOf(c) >= 0) {
        saw = '0';
      } else if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
      } else if (saw == '_') {
        return false;
      } else {
        saw = '!';
      }
    }
    return saw != '_';
  }
}
