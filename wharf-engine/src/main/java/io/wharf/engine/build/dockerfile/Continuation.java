package io.wharf.engine.build.dockerfile;

/**
 * One physical line seen as part of an instruction: its text without a trailing escape character
 * and whether the instruction ends here. Docker's rule: the line continues when it ends with the
 * escape character, optionally followed by spaces and tabs, unless that escape character is itself
 * escaped ({@code \\} at the end is a literal backslash). Immutable and thread-safe.
 */
record Continuation(String text, boolean ended) {

  static Continuation of(String line, char escape) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
      end--;
    }
    boolean continues = end > 0 && line.charAt(end - 1) == escape && (end == 1 || line.charAt(end - 2) != escape);
    return continues ? new Continuation(line.substring(0, end - 1), false) : new Continuation(line, true);
  }
}
