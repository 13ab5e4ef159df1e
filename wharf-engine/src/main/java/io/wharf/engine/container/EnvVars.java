package io.wharf.engine.container;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A process environment as Docker merges it: {@code KEY=value} entries keyed by their name, a
 * later list overriding an earlier one, order of first appearance kept. Stateless.
 */
final class EnvVars {
  private EnvVars() {}

  /** Name → {@code KEY=value} entry (or the bare name), {@code layers} merged in order; null layers are empty. */
  @SafeVarargs
  static Map<String, String> merge(List<String>... layers) {
    Map<String, String> env = new LinkedHashMap<>();
    for (List<String> layer : layers) {
      for (String e : layer == null ? List.<String>of() : layer) {
        int eq = e.indexOf('=');
        env.put(eq < 0 ? e : e.substring(0, eq), e);
      }
    }
    return env;
  }
}
