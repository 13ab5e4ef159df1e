package io.wharf.cli.commands;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Paths of the {@code /volumes} routes. */
final class Volumes {
  private Volumes() {}

  /** {@code /volumes/{name}}, the name encoded. */
  static String path(String volume) {
    return "/volumes/" + URLEncoder.encode(volume, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
