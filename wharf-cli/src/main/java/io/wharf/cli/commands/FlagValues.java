package io.wharf.cli.commands;

import io.wharf.cli.format.GoDuration;
import io.wharf.cli.format.Units;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flag values that the docker CLI checks as it parses them (its {@code opts} package:
 * {@code ValidateEnv}, {@code ValidateLabel}, {@code ValidateExtraHost}, {@code MemBytes},
 * {@code NanoCPUs}, string slices) and pflag's numbers and durations, with pflag's error:
 * {@code invalid argument "=x" for "--build-arg" flag: …}, exit 125. Stateless.
 */
final class FlagValues {
  private static final String HOST_GATEWAY = "host-gateway";
  /** {@code --cpus} as a fraction, {@code 3/2}. */
  private static final java.util.regex.Pattern FRACTION = java.util.regex.Pattern.compile("([+-]?[0-9]+)/([0-9]+)");
  /** {@code --cpus} as a decimal number, {@code 1.5}, {@code .5}, {@code 15e-1}. */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]{1,6})?");
  /** docker's {@code opts.domainRegexp}: labels of letters, digits and inner hyphens, an optional final dot. */
  private static final java.util.regex.Pattern DOMAIN = java.util.regex.Pattern.compile(
      "^(:?(?:[a-zA-Z0-9]|(?:[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9]))(:?\\.(?:[a-zA-Z0-9]|(?:[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])))*)\\.?\\s*$");

  private FlagValues() {}

  /**
   * {@code --build-arg KEY=VALUE} or {@code KEY}, which takes the environment's value; a key
   * the environment lacks maps to null, which docker sends as {@code "KEY":null} (the daemon
   * then treats the argument as not given). Keys sorted, as Go writes a map.
   */
  static Map<String, String> buildArgs(List<String> values, Map<String, String> env) {
    Map<String, String> args = new TreeMap<>();
    for (String value : values) {
      int eq = value.indexOf('=');
      String key = eq < 0 ? value : value.substring(0, eq);
      if (key.isEmpty()) {
        throw invalid(value, "--build-arg", "invalid environment variable: " + value);
      }
      args.put(key, eq >= 0 ? value.substring(eq + 1) : env.get(key));
    }
    return args;
  }

  /** {@code --label key[=value]}: the key not empty and without blanks. Keys sorted. */
  static Map<String, String> labels(List<String> values) {
    Map<String, String> labels = new TreeMap<>();
    for (String value : values) {
      int eq = value.indexOf('=');
      String key = eq < 0 ? value : value.substring(0, eq);
      String trimmed = key.replaceFirst("^[ \t]+", "");
      if (trimmed.isEmpty()) {
        throw invalid(value, "--label", "invalid label '" + value + "': empty name");
      }
      if (trimmed.contains(" ") || trimmed.contains("\t")) {
        throw invalid(value, "--label", "label '" + trimmed + "' contains whitespaces");
      }
      labels.put(key, eq < 0 ? "" : value.substring(eq + 1));
    }
    return labels;
  }

  /**
   * {@code --add-host name:ip} or {@code name=ip}, the address possibly in brackets, or
   * {@code host-gateway}: sent as {@code name:ip} without brackets.
   */
  static List<String> extraHosts(List<String> values) {
    List<String> hosts = new ArrayList<>();
    for (String value : values) {
      int sep = value.indexOf('=');
      if (sep < 0) {
        sep = value.indexOf(':');
      }
      String name = sep < 0 ? "" : value.substring(0, sep);
      String address = sep < 0 ? "" : value.substring(sep + 1);
      if (sep < 0 || name.isEmpty() || name.contains(":")) {
        throw invalid(value, "--add-host", "bad format for add-host: \"" + value + "\"");
      }
      if (!address.equals(HOST_GATEWAY)) {
        if (address.length() > 2 && address.startsWith("[") && address.endsWith("]")) {
          address = address.substring(1, address.length() - 1);
        }
        if (!isIpAddress(address.strip())) {
          throw invalid(value, "--add-host", "invalid IP address in add-host: \"" + address + "\"");
        }
      }
      hosts.add(name + ":" + address);
    }
    return hosts;
  }

  /** {@code --dns}: IP addresses (docker's {@code ValidateIPAddress}), surrounding blanks dropped. */
  static List<String> ipAddresses(List<String> values, String flag) {
    List<String> addresses = new ArrayList<>();
    for (String value : values) {
      if (!isIpAddress(value.strip())) {
        throw invalid(value, flag, "IP address is not correctly formatted: " + value);
      }
      addresses.add(value.strip());
    }
    return addresses;
  }

  /** {@code --dns-search}: domains (docker's {@code ValidateDNSSearch}), or {@code .} for none. */
  static List<String> dnsSearch(List<String> values) {
    List<String> domains = new ArrayList<>();
    for (String value : values) {
      String domain = value.replaceAll("^ +| +$", "");
      if (domain.equals(".")) {
        domains.add(domain);
        continue;
      }
      java.util.regex.Matcher m = DOMAIN.matcher(domain);
      if (!domain.matches("(?s).*[a-zA-Z].*") || !m.find() || m.group(1).length() >= 255) {
        throw invalid(value, "--dns-search", domain + " is not a valid domain");
      }
      domains.add(m.group(1));
    }
    return domains;
  }

  /** A {@code MemBytes} flag ({@code 64m}, {@code 1g}); 0 when not given. */
  static long memBytes(String value, String flag) {
    if (value == null) {
      return 0;
    }
    try {
      return Units.ramInBytes(value);
    } catch (IllegalArgumentException e) {
      throw invalid(value, flag, e.getMessage());
    }
  }

  /** A {@code MemSwapBytes} flag: a size, or {@code -1} for unlimited swap; 0 when not given. */
  static long memSwapBytes(String value, String flag) {
    return "-1".equals(value) ? -1 : memBytes(value, flag);
  }

  /** An {@code int64} flag; 0 when not given. */
  static long int64(String value, String flag) {
    return value == null ? 0 : GoIntegers.parse(value, 64, true, flag);
  }

  /** A {@code uint16} flag ({@code --blkio-weight}); 0 when not given. */
  static int uint16(String value, String flag) {
    return value == null ? 0 : (int) GoIntegers.parse(value, 16, false, flag);
  }

  /**
   * A {@code NanoCPUs} flag ({@code --cpus 1.5}): docker's {@code ParseCPUs}, a rational number
   * ({@code 1.5}, {@code 3/2}, {@code 15e-1}) in billionths; 0 when not given.
   */
  static long nanoCpus(String value, String flag) {
    if (value == null) {
      return 0;
    }
    BigInteger[] ratio = rational(value);
    if (ratio == null) {
      throw invalid(value, flag, "failed to parse " + value + " as a rational number");
    }
    BigInteger[] nanos = ratio[0].multiply(BigInteger.valueOf(1_000_000_000L)).divideAndRemainder(ratio[1]);
    if (nanos[1].signum() != 0) {
      throw invalid(value, flag, "value is too precise");
    }
    return nanos[0].longValue();
  }

  /**
   * Go's {@code big.Rat.SetString} for decimal text: {@code a/b} or a decimal number with an
   * optional exponent, as numerator and positive denominator; null when it is neither.
   */
  private static BigInteger[] rational(String text) {
    java.util.regex.Matcher fraction = FRACTION.matcher(text);
    if (fraction.matches()) {
      BigInteger denominator = new BigInteger(fraction.group(2));
      return denominator.signum() == 0 ? null : new BigInteger[] {new BigInteger(fraction.group(1)), denominator};
    }
    if (!DECIMAL.matcher(text).matches()) {
      return null;
    }
    java.math.BigDecimal number = new java.math.BigDecimal(text);
    return number.scale() <= 0
        ? new BigInteger[] {number.toBigIntegerExact(), BigInteger.ONE}
        : new BigInteger[] {number.unscaledValue(), BigInteger.TEN.pow(number.scale())};
  }

  /** A {@code Duration} flag ({@code --health-interval 30s}), in nanoseconds; 0 when not given. */
  static long duration(String value, String flag) {
    if (value == null) {
      return 0;
    }
    try {
      return GoDuration.parseNanos(value);
    } catch (IllegalArgumentException e) {
      throw invalid(value, flag, e.getMessage());
    }
  }

  /** A {@code StringSlice} flag: each value split at commas, empty values dropping nothing else. */
  static List<String> slice(List<String> values) {
    List<String> items = new ArrayList<>();
    for (String value : values) {
      if (!value.isEmpty()) {
        items.addAll(List.of(value.split(",", -1)));
      }
    }
    return items;
  }

  /** Go's net.ParseIP: a dotted IPv4 address (no leading zeros) or an IPv6 address without zone. */
  static boolean isIpAddress(String text) {
    if (text.matches("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])")) {
      return true;
    }
    if (!text.contains(":") || text.contains("%") || !text.matches("[0-9A-Fa-f:.]+")) {
      return false;
    }
    try {
      InetAddress.ofLiteral(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static WharfCommand.UsageError invalid(String value, String flag, String why) {
    return new WharfCommand.UsageError("invalid argument \"" + value + "\" for \"" + flag + "\" flag: " + why, 125);
  }
}
