package io.wharf.cli;

import java.util.Map;

/**
 * Which daemon {@code wharf} talks to: {@code -H/--host}, else {@code WHARF_HOST}, else
 * {@code DOCKER_HOST}, else {@code unix:///run/wharf/wharf.sock}.
 */
public record HostSelection(String host, boolean isDefault) {
  public static final String DEFAULT_HOST = "unix:///run/wharf/wharf.sock";

  public static HostSelection choose(String flag, Map<String, String> env) {
    for (String candidate : new String[] {flag, env.get("WHARF_HOST"), env.get("DOCKER_HOST")}) {
      if (candidate != null && !candidate.isBlank()) {
        return new HostSelection(candidate, candidate.equals(DEFAULT_HOST));
      }
    }
    return new HostSelection(DEFAULT_HOST, true);
  }
}
