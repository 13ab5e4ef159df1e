package io.wharf.cli.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Go's template builtins and the functions the docker CLI adds (json, join, split, …). */
final class TemplateFunctions {
  static final Set<String> NAMES = Set.of("and", "or", "not", "len", "index", "print", "printf", "println",
      "eq", "ne", "lt", "le", "gt", "ge", "slice", "json", "join", "split", "lower", "upper", "title", "pad",
      "truncate", "html", "js", "urlquery", "call");

  private TemplateFunctions() {}

  static Object call(String name, List<Object> args) {
    return switch (name) {
      case "and" -> {
        Object last = null;
        for (Object a : args) {
          last = a;
          if (!GoValues.truth(a)) {
            yield a;
          }
        }
        yield last;
      }
      case "or" -> {
        Object last = null;
        for (Object a : args) {
          last = a;
          if (GoValues.truth(a)) {
            yield a;
          }
        }
        yield last;
      }
      case "not" -> !GoValues.truth(arg(args, 0, name));
      case "len" -> length(arg(args, 0, name));
      case "index" -> index(args);
      case "print" -> print(args, false);
      case "println" -> print(args, true) + "\n";
      case "printf" -> printf(args);
      case "eq" -> args.subList(1, args.size()).stream().anyMatch(b -> same(args.getFirst(), b));
      case "ne" -> !same(arg(args, 0, name), arg(args, 1, name));
      case "lt" -> compare(args) < 0;
      case "le" -> compare(args) <= 0;
      case "gt" -> compare(args) > 0;
      case "ge" -> compare(args) >= 0;
      case "json" -> json(arg(args, 0, name));
      case "join" -> join(args);
      case "split" -> new ArrayList<Object>(Arrays.asList(str(args, 0).split(java.util.regex.Pattern.quote(str(args, 1)), -1)));
      case "lower" -> str(args, 0).toLowerCase(Locale.ROOT);
      case "upper" -> str(args, 0).toUpperCase(Locale.ROOT);
      case "title" -> title(str(args, 0));
      case "pad" -> " ".repeat((int) num(args, 1)) + str(args, 0) + " ".repeat((int) num(args, 2));
      case "truncate" -> {
        String s = str(args, 0);
        int n = (int) num(args, 1);
        yield s.length() > n ? s.substring(0, n) : s;
      }
      case "slice" -> slice(args);
      default -> throw new IllegalArgumentException("template: function \"" + name + "\" not supported");
    };
  }

  private static Object arg(List<Object> args, int i, String name) {
    if (args.size() <= i) {
      throw new IllegalArgumentException("template: wrong number of args for " + name + ": want at least " + (i + 1)
          + " got " + args.size());
    }
    return args.get(i);
  }

  private static String str(List<Object> args, int i) {
    Object v = arg(args, i, "function");
    return v instanceof String s ? s : GoValues.print(v);
  }

  private static double num(List<Object> args, int i) {
    Object v = arg(args, i, "function");
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("template: expected a number, got " + GoValues.print(v));
  }

  private static long length(Object v) {
    if (v instanceof String s) {
      return s.length();
    }
    if (v instanceof List<?> l) {
      return l.size();
    }
    if (v instanceof Map<?, ?> m) {
      return m.size();
    }
    throw new IllegalArgumentException("template: len of type " + GoValues.typeName(v));
  }

  private static Object index(List<Object> args) {
    Object v = arg(args, 0, "index");
    for (Object key : args.subList(1, args.size())) {
      if (v instanceof Map<?, ?> m) {
        v = m.containsKey(String.valueOf(key)) ? m.get(String.valueOf(key)) : null;
      } else if (v instanceof List<?> l && key instanceof Number n) {
        if (n.intValue() < 0 || n.intValue() >= l.size()) {
          throw new IllegalArgumentException("template: error calling index: index out of range: " + n);
        }
        v = l.get(n.intValue());
      } else {
        throw new IllegalArgumentException("template: error calling index: cannot index " + GoValues.print(v));
      }
    }
    return v;
  }

  private static Object slice(List<Object> args) {
    Object v = arg(args, 0, "slice");
    int from = args.size() > 1 ? (int) num(args, 1) : 0;
    if (v instanceof String s) {
      return s.substring(from, args.size() > 2 ? (int) num(args, 2) : s.length());
    }
    if (v instanceof List<?> l) {
      return new ArrayList<Object>(l.subList(from, args.size() > 2 ? (int) num(args, 2) : l.size()));
    }
    throw new IllegalArgumentException("template: can't slice " + GoValues.print(v));
  }

  /** fmt.Sprint: spaces between operands when neither is a string; Sprintln: always. */
  private static String print(List<Object> args, boolean spaces) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      boolean bothNonString = i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String);
      if (i > 0 && (spaces || bothNonString)) {
        out.append(' ');
      }
      out.append(GoValues.print(args.get(i)));
    }
    return out.toString();
  }

  /** Go's printf verbs, mapped onto Java's: %v %s %d %q %t %x %f with widths and flags. */
  private static String printf(List<Object> args) {
    String format = str(args, 0);
    List<Object> values = args.subList(1, args.size());
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      int start = i++;
      while (i < format.length() && "-+# 0123456789.".indexOf(format.charAt(i)) >= 0) {
        i++;
      }
      if (i >= format.length()) {
        out.append(format, start, i);
        break;
      }
      char verb = format.charAt(i);
      String flags = format.substring(start + 1, i);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      Object value = next < values.size() ? values.get(next++) : null;
      out.append(switch (verb) {
        case 'd' -> String.format("%" + flags + "d", value instanceof Number n ? n.longValue() : 0L);
        case 'f', 'e', 'g' -> String.format("%" + flags + verb, value instanceof Number n ? n.doubleValue() : 0.0);
        case 'x' -> value instanceof Number n ? String.format("%" + flags + "x", n.longValue())
            : String.format("%" + flags + "s", hex(GoValues.print(value)));
        case 'q' -> String.format("%" + flags + "s", json(GoValues.print(value)));
        case 't', 's', 'v' -> String.format("%" + flags + "s", GoValues.print(value));
        default -> "%!" + verb + "(" + GoValues.print(value) + ")";
      });
    }
    return out.toString();
  }

  private static String hex(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      out.append(String.format("%02x", b));
    }
    return out.toString();
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return a == null ? b == null : a.equals(b);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(List<Object> args) {
    Object a = arg(args, 0, "compare");
    Object b = arg(args, 1, "compare");
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    throw new IllegalArgumentException("template: incompatible types for comparison");
  }

  /** docker's json function: Go's json.Marshal, {@code <>&} escaped. */
  static String json(Object value) {
    return io.wharf.client.JsonValues.write(value == GoTemplate.NO_VALUE ? null : value);
  }

  private static String join(List<Object> args) {
    Object list = arg(args, 0, "join");
    String sep = str(args, 1);
    if (list instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      l.forEach(item -> parts.add(GoValues.print(item)));
      return String.join(sep, parts);
    }
    return GoValues.print(list);
  }

  /** strings.Title: the first letter of every word upper-cased. */
  private static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean start = true;
    for (char c : s.toCharArray()) {
      out.append(start ? Character.toUpperCase(c) : c);
      start = !Character.isLetterOrDigit(c) && c != '_' && c != '\'';
    }
    return out.toString();
  }
}
