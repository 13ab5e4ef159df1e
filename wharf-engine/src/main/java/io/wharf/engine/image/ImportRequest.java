package io.wharf.engine.image;

import java.util.List;

/**
 * What {@code docker import} asks for.
 *
 * @param reference the repository[:tag] to tag the image with, or null for none
 * @param changes Dockerfile instructions applied to the config ({@code -c "CMD ["sh"]"}):
 *     CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR, VOLUME, STOPSIGNAL, ONBUILD
 * @param message the commit message recorded in the image's history, or null
 * @param platform {@code os[/arch[/variant]]}, or null for the host's
 */
public record ImportRequest(String reference, List<String> changes, String message, String platform) {}
