package io.wharf.cli.copy;

/**
 * One end of {@code wharf cp}: {@code CONTAINER:PATH}, or a local path (or {@code -}) when
 * the argument is absolute, has no colon, or starts with {@code .} before its colon
 * ({@code ./file:name.txt}), as docker's {@code splitCpArg}. Immutable.
 *
 * @param container the container, or null for a local path
 */
public record CopyArgument(String container, String path) {
  public static CopyArgument parse(String argument) {
    if (UnixPaths.isAbsolute(argument)) {
      return new CopyArgument(null, argument);
    }
    int colon = argument.indexOf(':');
    if (colon < 0 || argument.startsWith(".")) {
      return new CopyArgument(null, argument);
    }
    return new CopyArgument(argument.substring(0, colon), argument.substring(colon + 1));
  }

  public boolean isContainer() {
    return container != null;
  }
}
