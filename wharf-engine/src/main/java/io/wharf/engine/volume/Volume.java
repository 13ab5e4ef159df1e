package io.wharf.engine.volume;

import java.time.Instant;
import java.util.Map;

/**
 * A volume of the local driver. Immutable.
 *
 * @param mountpoint where its data is on the host ({@code <data-root>/volumes/<name>/_data})
 * @param options the driver's options ({@code type}, {@code device}, {@code o}): a volume with
 *     options is mounted there while a container uses it, as Docker's local driver does
 * @param anonymous made for one container ({@code -v /path}, an image's VOLUME): removed with
 *     it by {@code rm -v} and {@code --rm}, and the only kind {@code volume prune} removes by default
 */
public record Volume(String name, String driver, String mountpoint, Instant created, Map<String, String> labels,
    Map<String, String> options, boolean anonymous) {

  /** Docker's label of anonymous volumes. */
  public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";

  public Volume {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
  }
}
