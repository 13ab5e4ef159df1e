package io.wharf.cli.commands;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Paths of the {@code /networks} routes. */
final class Networks {
  private Networks() {}

  /** {@code /networks/{name}}, the name encoded. */
  static String path(String network) {
    return "/networks/" + URLEncoder.encode(network, StandardCharsets.UTF_8);
  }
}
