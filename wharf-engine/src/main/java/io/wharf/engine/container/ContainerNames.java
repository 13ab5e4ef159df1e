package io.wharf.engine.container;

import java.util.List;

/** Names for containers created without one, in Docker's adjective_surname style. */
final class ContainerNames {
  private static final List<String> ADJECTIVES = List.of("brave", "calm", "eager", "fond", "gentle", "happy",
      "keen", "lucid", "merry", "nifty", "proud", "quiet", "sharp", "tender", "vivid", "wise");
  private static final List<String> NAMES = List.of("babbage", "curie", "dijkstra", "euler", "franklin",
      "hopper", "kepler", "lamport", "lovelace", "noether", "pascal", "ritchie", "shannon", "turing", "wing", "yalow");

  private ContainerNames() {}

  /** A name derived from the container's ID (so it is stable for that ID). */
  static String generate(String id) {
    int a = Integer.parseInt(id.substring(0, 2), 16);
    int b = Integer.parseInt(id.substring(2, 4), 16);
    return ADJECTIVES.get(a % ADJECTIVES.size()) + "_" + NAMES.get(b % NAMES.size()) + "_" + id.substring(4, 8);
  }
}
