package io.wharf.engine.container;

import java.util.List;

/**
 * What {@code docker exec} asks for.
 *
 * @param cmd the command line
 * @param env {@code KEY=value} pairs added to the container's environment
 * @param workingDir or null/empty for the container's
 * @param user or null/empty for the container's
 * @param tty whether the client asked for a terminal
 * @param attachStdin the client sends stdin
 * @param attachStdout the client wants stdout
 * @param attachStderr the client wants stderr
 * @param privileged every capability of the bounding set
 * @param detachKeys the client's detach keys, or null for the default
 */
public record ExecRequest(List<String> cmd, List<String> env, String workingDir, String user, boolean tty,
    boolean attachStdin, boolean attachStdout, boolean attachStderr, boolean privileged, String detachKeys) {}
