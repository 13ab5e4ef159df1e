package io.wharf.cli.format;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Go's view of template data: how {@code %v} prints a value, and what counts as true. */
final class GoValues {
  private GoValues() {}

  /** {@code fmt.Sprint}: lists {@code [a b]}, maps {@code map[k:v]} with sorted keys, nil {@code <nil>}. */
  static String print(Object value) {
    if (value == null) {
      return "<nil>";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : " ").append(print(list.get(i)));
      }
      return out.append(']').toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("map[");
      boolean first = true;
      for (var e : new TreeMap<>(map).entrySet()) {
        out.append(first ? "" : " ").append(print(e.getKey())).append(':').append(print(e.getValue()));
        first = false;
      }
      return out.append(']').toString();
    }
    if (value instanceof Double || value instanceof Float) {
      return formatFloat(((Number) value).doubleValue());
    }
    if (value instanceof BigDecimal d) {
      return formatFloat(d.doubleValue());
    }
    return value.toString();
  }

  /** Go's %v of a float64: the shortest representation, with an exponent from 1e21 on. */
  static String formatFloat(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return Long.toString((long) d);
    }
    String s = Double.toString(d);
    if (s.contains("E")) {
      String[] parts = s.split("E");
      int exp = Integer.parseInt(parts[1]);
      String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
      return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
    return s;
  }

  /** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
  static boolean truth(Object value) {
    if (value == null || value == GoTemplate.NO_VALUE) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value instanceof String s) {
      return !s.isEmpty();
    }
    if (value instanceof List<?> l) {
      return !l.isEmpty();
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  static String typeName(Object value) {
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Long || value instanceof Integer) {
      return "int";
    }
    if (value instanceof Number) {
      return "float64";
    }
    if (value instanceof List<?>) {
      return "[]interface {}";
    }
    return "interface {}";
  }
}
