package io.wharf.engine.image;

import io.wharf.oci.image.ContainerConfig;
import java.util.List;

/**
 * What {@code docker commit} asks for: a new image from a container's image and the layer of
 * its changes.
 *
 * @param parentImage the ID of the container's image
 * @param config the container's config (Cmd, Env, …), before {@code changes}
 * @param changes Dockerfile instructions applied to the config ({@code -c "CMD [...]"})
 * @param reference {@code repo[:tag]} to tag the image with, or null
 * @param comment the history comment ({@code -m})
 * @param author the author ({@code -a})
 * @param createdBy what the history records as having made the layer
 */
public record CommitRequest(String parentImage, ContainerConfig config, List<String> changes, String reference,
    String comment, String author, String createdBy) {}
