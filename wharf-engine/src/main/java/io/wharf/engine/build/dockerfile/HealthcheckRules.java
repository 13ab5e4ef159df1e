package io.wharf.engine.build.dockerfile;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's rules for HEALTHCHECK: {@code NONE} alone, or {@code [flags] CMD command}; the
 * durations ({@code --interval}, {@code --timeout}, {@code --start-period},
 * {@code --start-interval}) in Go's notation ({@code 30s}, {@code 1m30s}, {@code 500ms}), zero or
 * at least 1ms; {@code --retries} a non-negative integer. Stateless.
 */
public final class HealthcheckRules {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d*\\.?\\d*)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, Long> UNIT_NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
      "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
  private static final List<String> DURATIONS = List.of("interval", "timeout", "start-period", "start-interval");

  private HealthcheckRules() {}

  /** The flags of a valid HEALTHCHECK; for NONE Docker does not look at flags at all. */
  static Map<String, String> check(RawInstruction raw) {
    List<String> args = raw.values();
    if (args.isEmpty()) {
      throw new SyntaxFailure("HEALTHCHECK requires at least one argument");
    }
    String type = args.getFirst().toUpperCase(Locale.ROOT);
    if (type.equals("NONE")) {
      if (args.size() != 1) {
        throw new SyntaxFailure("HEALTHCHECK NONE takes no arguments");
      }
      return Map.of();
    }
    Map<String, String> flags = BuilderFlags.parse("HEALTHCHECK", raw.flags());
    if (!type.equals("CMD")) {
      throw new SyntaxFailure("Unknown type " + GoText.quote(type) + " in HEALTHCHECK (try CMD)");
    }
    if (args.size() < 2) {
      throw new SyntaxFailure("Missing command after HEALTHCHECK CMD");
    }
    for (String name : DURATIONS) {
      String value = flags.get(name);
      if (value != null && !value.isEmpty()) {
        long nanos = nanos(value);
        if (nanos != 0 && nanos < 1_000_000L) {
          throw new SyntaxFailure("Interval " + GoText.quote(name) + " cannot be less than 1ms");
        }
      }
    }
    String retries = flags.get("retries");
    if (retries != null && !retries.isEmpty()) {
      retries(retries);
    }
    return flags;
  }

  /** Go's {@code time.ParseDuration}, in nanoseconds. */
  public static long nanos(String text) {
    String s = text;
    boolean negative = s.startsWith("-");
    if (s.startsWith("-") || s.startsWith("+")) {
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw new SyntaxFailure("time: invalid duration " + GoText.quote(text));
    }
    Matcher m = DURATION_PART.matcher(s);
    BigDecimal total = BigDecimal.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at || m.group(1).isEmpty() || m.group(1).equals(".")) {
        throw new SyntaxFailure(s.chars().anyMatch(Character::isLetter)
            ? "time: invalid duration " + GoText.quote(text) : "time: missing unit in duration " + GoText.quote(text));
      }
      total = total.add(new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1))
          .multiply(BigDecimal.valueOf(UNIT_NANOS.get(m.group(2)))));
      at = m.end();
    }
    long nanos = total.longValue();
    return negative ? -nanos : nanos;
  }

  private static void retries(String value) {
    long retries;
    try {
      retries = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new SyntaxFailure("strconv.ParseInt: parsing " + GoText.quote(value) + ": invalid syntax");
    }
    if (retries < 0) {
      throw new SyntaxFailure("--retries cannot be negative (" + retries + ")");
    }
  }
}
