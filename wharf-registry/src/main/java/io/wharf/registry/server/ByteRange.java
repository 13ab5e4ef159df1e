package io.wharf.registry.server;

/**
 * One range of a {@code Range: bytes=…} request header, resolved against the blob's size.
 * Headers this registry does not honour (other units, several ranges, bad syntax) are ignored
 * and the whole blob is sent, as RFC 9110 allows; a range that starts past the end is refused
 * with 416. Immutable.
 */
record ByteRange(long start, long end) {

  long length() {
    return end - start + 1;
  }

  String contentRange(long size) {
    return "bytes " + start + "-" + end + "/" + size;
  }

  /** The range to send, or null for the whole blob. */
  static ByteRange parse(String header, long size) {
    if (header == null || !header.strip().startsWith("bytes=")) {
      return null;
    }
    String spec = header.strip().substring("bytes=".length()).strip();
    int dash = spec.indexOf('-');
    if (spec.indexOf(',') >= 0 || dash < 0) {
      return null;
    }
    try {
      String first = spec.substring(0, dash).strip();
      String last = spec.substring(dash + 1).strip();
      if (first.isEmpty()) {
        long suffix = Long.parseLong(last);
        if (suffix <= 0 || size == 0) {
          throw unsatisfiable(size);
        }
        return new ByteRange(Math.max(0, size - suffix), size - 1);
      }
      long start = Long.parseLong(first);
      long end = last.isEmpty() ? size - 1 : Long.parseLong(last);
      if (start < 0 || end < start) {
        return null;
      }
      if (start >= size) {
        throw unsatisfiable(size);
      }
      return new ByteRange(start, Math.min(end, size - 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static RegistryException unsatisfiable(long size) {
    return RegistryException.of(ErrorCode.SIZE_INVALID, "range not satisfiable")
        .withStatus(416).withHeader("Content-Range", "bytes */" + size);
  }
}
