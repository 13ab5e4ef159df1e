package io.wharf.engine.container;

import java.util.List;
import java.util.Map;

/**
 * What {@code docker create} asks for, in engine terms. Null fields take the image's values.
 *
 * @param image the image name as given ({@code busybox}, an ID)
 * @param name the container name, or null for a generated one
 * @param entrypoint replaces the image's ENTRYPOINT (and then drops its CMD), or null
 * @param cmd replaces the image's CMD, or null
 * @param env {@code KEY=value} pairs added to the image's
 * @param workingDir replaces the image's WORKDIR, or null
 * @param user {@code user|uid[:group|gid]}, or null for the image's
 * @param hostname or null for the first 12 characters of the ID
 * @param tty allocate a terminal
 * @param openStdin keep stdin open
 * @param labels labels of the container
 * @param autoRemove remove the container when it exits ({@code --rm})
 * @param settings how it runs beyond its process
 */
public record CreateRequest(String image, String name, List<String> entrypoint, List<String> cmd, List<String> env,
    String workingDir, String user, String hostname, boolean tty, boolean openStdin, Map<String, String> labels,
    boolean autoRemove, RunSettings settings) {}
