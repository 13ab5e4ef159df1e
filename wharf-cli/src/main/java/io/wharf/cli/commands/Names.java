package io.wharf.cli.commands;

/** How the docker CLI shortens IDs and text for tables. */
final class Names {
  private Names() {}

  /** {@code sha256:6458dff9a488…} → {@code 6458dff9a488}. */
  static String shortId(String id) {
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  /** Ellipsis after {@code max - 1} characters, as docker's {@code formatter.Ellipsis}. */
  static String ellipsis(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }
}
