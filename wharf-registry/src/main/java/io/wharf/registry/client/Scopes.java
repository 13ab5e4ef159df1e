package io.wharf.registry.client;

import java.util.List;

/**
 * The access a request needs, as token scopes: {@code repository:library/busybox:pull}, or
 * {@code repository:me/app:pull,push} plus {@code repository:library/busybox:pull} to mount
 * a blob from another repository. Immutable.
 */
record Scopes(List<String> values) {
  Scopes {
    values = List.copyOf(values);
  }

  /** No repository: a ping, or a login's token request. */
  static Scopes none() {
    return new Scopes(List.of());
  }

  static Scopes pull(String repository) {
    return new Scopes(List.of("repository:" + repository + ":pull"));
  }

  static Scopes push(String repository) {
    return new Scopes(List.of("repository:" + repository + ":pull,push"));
  }

  /** Push to {@code repository}, reading {@code mountFrom} to mount one of its blobs. */
  static Scopes push(String repository, String mountFrom) {
    if (mountFrom == null || mountFrom.equals(repository)) {
      return push(repository);
    }
    return new Scopes(List.of("repository:" + repository + ":pull,push", "repository:" + mountFrom + ":pull"));
  }

  /** The key tokens are cached under. */
  String key() {
    return String.join(" ", values);
  }
}
