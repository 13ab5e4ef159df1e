package io.wharf.daemon.routes;

import io.wharf.api.image.ImageInspect;
import io.wharf.api.image.ImageSummary;
import io.wharf.engine.image.Image;
import io.wharf.oci.image.ContainerConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Engine images → the wire records of {@code /images/json} and {@code /images/{name}/json}. */
final class ImageViews {
  private static final DateTimeFormatter RFC3339_NANO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

  private ImageViews() {}

  /** Docker lists a dangling image as {@code <none>:<none>} and {@code <none>@<none>}. */
  static ImageSummary summary(Image image) {
    boolean dangling = image.repoTags().isEmpty();
    Map<String, String> labels = labels(image);
    return new ImageSummary(image.id().toString(), image.parent() == null ? "" : image.parent().toString(),
        dangling ? List.of("<none>:<none>") : image.repoTags(),
        image.repoDigests().isEmpty() && dangling ? List.of("<none>@<none>") : image.repoDigests(),
        image.created().getEpochSecond(), image.size(), -1, labels, -1);
  }

  static ImageInspect inspect(Image image) {
    var config = image.config();
    ContainerConfig c = config.config() == null ? ContainerConfig.empty() : config.config();
    ImageInspect.ContainerConfig wire = new ImageInspect.ContainerConfig("", "", c.user() == null ? "" : c.user(),
        false, false, false, c.exposedPorts(), false, false, false, c.env(), c.cmd(), c.healthcheck(),
        c.argsEscaped(), "", c.volumes(), c.workingDir() == null ? "" : c.workingDir(), c.entrypoint(),
        c.onBuild(), c.labels(), c.stopSignal(), c.shell());
    String comment = "";
    if (config.history() != null && !config.history().isEmpty() && config.history().getLast().comment() != null) {
      comment = config.history().getLast().comment();
    }
    return new ImageInspect(image.id().toString(), image.repoTags(), image.repoDigests(),
        image.parent() == null ? "" : image.parent().toString(), comment,
        RFC3339_NANO.format(image.created()), "", config.author() == null ? "" : config.author(), wire,
        config.architecture(), config.variant(), config.os(), image.size(),
        new ImageInspect.GraphDriver("overlay2", null),
        new ImageInspect.RootFs("layers", config.rootfs() == null ? List.of() : config.rootfs().diffIds()),
        new ImageInspect.Metadata(image.lastTagTime() == null ? "0001-01-01T00:00:00Z" : time(image.lastTagTime())));
  }

  private static Map<String, String> labels(Image image) {
    var c = image.config().config();
    return c == null || c.labels() == null ? Map.of() : c.labels();
  }

  static String time(Instant instant) {
    return RFC3339_NANO.format(instant);
  }
}
