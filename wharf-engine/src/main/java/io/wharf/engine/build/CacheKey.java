package io.wharf.engine.build;

import io.wharf.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What decides whether a build step can be taken from the cache, Docker's rule: the same parent
 * image, the same instruction (after expansion, with the environment a RUN sees), and for COPY
 * and ADD the same inputs (the checksum of the copied files' names, contents, modes and owners).
 *
 * @param parent the image the step starts from, or null for scratch
 * @param instruction the step as it runs: keyword and its expanded arguments, one element each
 * @param inputs the checksum of what the step reads besides its parent, or null
 */
public record CacheKey(Digest parent, List<String> instruction, Digest inputs) {
  public CacheKey {
    instruction = List.copyOf(instruction);
  }

  /** The key's digest: stable across daemon restarts and unambiguous (lengths precede values). */
  public Digest digest() {
    StringBuilder text = new StringBuilder("wharf-build-cache-v1\n");
    text.append(parent == null ? "scratch" : parent.toString()).append('\n');
    for (String part : instruction) {
      text.append(part.length()).append(':').append(part).append('\n');
    }
    text.append(inputs == null ? "-" : inputs.toString());
    return Digest.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
