package io.wharf.cli.commands;

/**
 * A {@code -v/--volume} value as the docker CLI parses it ({@code volumespec.Parse}):
 * {@code [SOURCE:]TARGET[:OPTIONS]} split at colons (a drive letter's colon aside), the
 * options comma-separated and left to the daemon to judge. A source starting with {@code .},
 * {@code /} or {@code ~} is a bind, any other source a named volume; no source is an
 * anonymous volume. Immutable.
 *
 * @param source the host path or volume name; "" for an anonymous volume
 * @param target the path in the container
 * @param options what followed the target, "" when nothing did
 */
record VolumeSpec(String source, String target, String options) {
  /** Parses {@code spec}; an IllegalArgumentException with docker's words when it is malformed. */
  static VolumeSpec parse(String spec) {
    if (spec.isEmpty()) {
      throw new IllegalArgumentException("invalid empty volume spec");
    }
    if (spec.length() <= 2) {
      return new VolumeSpec("", spec, "");
    }
    String source = "";
    String target = "";
    String options = "";
    StringBuilder buffer = new StringBuilder();
    for (int i = 0; i <= spec.length(); i++) {
      boolean end = i == spec.length();
      char c = end ? 0 : spec.charAt(i);
      if (!end && c == ':' && buffer.length() == 1 && Character.isLetter(buffer.charAt(0))) {
        buffer.append(c); // a Windows drive letter, C:
        continue;
      }
      if (!end && c != ':') {
        buffer.append(c);
        continue;
      }
      String part = buffer.toString();
      buffer.setLength(0);
      if (part.isEmpty()) {
        throw new IllegalArgumentException("invalid spec: " + spec + ": empty section between colons");
      } else if (source.isEmpty() && end) {
        target = part;
      } else if (source.isEmpty()) {
        source = part;
      } else if (target.isEmpty()) {
        target = part;
      } else if (!end) {
        throw new IllegalArgumentException("invalid spec: " + spec + ": too many colons");
      } else {
        options = part;
      }
    }
    return new VolumeSpec(source, target, options);
  }

  /** A host path (bind mount) rather than a volume. */
  boolean isBind() {
    if (source.isEmpty()) {
      return false;
    }
    char first = source.charAt(0);
    return first == '.' || first == '/' || first == '~' || source.startsWith("\\\\")
        || source.length() > 1 && source.charAt(1) == ':' && Character.isLetter(first);
  }

  /**
   * The entry of {@code HostConfig.Binds} for {@code spec}: as given, but a bind whose host
   * path starts with {@code .} made absolute against {@code cwd} (docker 23 and later do).
   */
  static String bind(String spec, VolumeSpec parsed, String cwd) {
    int colon = spec.indexOf(':');
    if (!parsed.isBind() || colon < 0) {
      return spec;
    }
    String host = spec.substring(0, colon);
    if (host.startsWith(".")) {
      host = io.wharf.cli.copy.UnixPaths.join(cwd, host);
    }
    return host + spec.substring(colon);
  }
}
