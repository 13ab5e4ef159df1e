package io.wharf.registry.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A repository name as the distribution spec allows it: lower-case components joined by
 * {@code /}, each of alphanumerics separated by {@code .}, {@code _}, {@code __} or dashes, 255
 * characters at most. Valid by construction, so it resolves under a directory without escaping
 * it: {@code ..}, {@code %2e}, empty components and a leading {@code _} (the store's own
 * {@code _layers}, {@code _manifests}) cannot occur. Immutable.
 */
record RepositoryName(String value) implements Comparable<RepositoryName> {
  static final int MAX_LENGTH = 255;
  private static final Pattern NAME = Pattern.compile(
      "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

  RepositoryName {
    if (value.length() > MAX_LENGTH || !NAME.matcher(value).matches()) {
      throw RegistryException.of(ErrorCode.NAME_INVALID, Map.of("name", value.length() > MAX_LENGTH
          ? value.substring(0, MAX_LENGTH) + "…" : value));
    }
  }

  /** True when {@code text} is a valid name. */
  static boolean isValid(String text) {
    return text.length() <= MAX_LENGTH && NAME.matcher(text).matches();
  }

  /** This repository's directory under {@code repositories}. */
  Path under(Path repositories) {
    return repositories.resolve(value);
  }

  @Override
  public int compareTo(RepositoryName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
