package io.wharf.engine.build.dockerfile;

import java.util.List;

/**
 * The physical lines of a Dockerfile, one at a time, with their 1-based numbers. A UTF-8 byte
 * order mark on the first line is dropped, and so are the line terminators ({@code \n},
 * {@code \r\n}), as Docker's scanner trims them. Not thread-safe: one reader per parse.
 */
final class LineReader {
  private final List<String> lines;
  private int next;

  LineReader(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> split = List.of(body.split("\n", -1));
    // A final terminator does not start another line.
    this.lines = body.endsWith("\n") || body.isEmpty() ? split.subList(0, split.size() - 1) : split;
  }

  boolean hasNext() {
    return next < lines.size();
  }

  /** The next line, without its terminator. */
  String next() {
    String line = lines.get(next++);
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    return line.substring(0, end);
  }

  /** The 1-based number of the line {@link #next()} returned last (0 before the first). */
  int number() {
    return next;
  }
}
