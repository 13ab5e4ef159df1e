package io.wharf.engine.container;

import io.wharf.oci.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A container as the engine records it. Immutable: a change of state is a new record.
 *
 * @param id 64 hex characters
 * @param name without Docker's leading slash
 * @param image the image name as the user gave it
 * @param imageId the image it was created from
 * @param args the process's command line (entrypoint and cmd resolved)
 * @param env the process's environment
 * @param workingDir the process's working directory
 * @param user the user as asked ({@code ""} for root)
 * @param uid the resolved user ID
 * @param gid the resolved group ID
 * @param hostname the container's host name
 * @param tty whether it has a terminal
 * @param openStdin whether stdin stays open
 * @param labels its labels
 * @param autoRemove whether it is removed when it exits
 * @param state where it is in its life
 * @param pid the first process's pid while running, else 0
 * @param exitCode the last exit code
 * @param created when it was created
 * @param startedAt when it last started, or null
 * @param finishedAt when it last exited, or null
 * @param settings how it runs beyond its process (null in records of older versions: the defaults)
 * @param entrypoint the entrypoint as resolved at create (null in older records: none)
 * @param cmd the command as resolved at create (null in older records)
 * @param status OOM, restarts, pause, health (null in older records: none of them)
 */
public record Container(String id, String name, String image, Digest imageId, List<String> args, List<String> env,
    String workingDir, String user, long uid, long gid, String hostname, boolean tty, boolean openStdin,
    Map<String, String> labels, boolean autoRemove, ContainerState state, long pid, int exitCode, Instant created,
    Instant startedAt, Instant finishedAt, RunSettings settings, List<String> entrypoint, List<String> cmd,
    RunStatus status) {

  public Container {
    settings = settings == null ? RunSettings.DEFAULT : settings;
    entrypoint = entrypoint == null ? List.of() : entrypoint;
    cmd = cmd == null ? args : cmd;
    status = status == null ? RunStatus.NONE : status;
  }

  public Container withStatus(RunStatus newStatus) {
    return new Container(id, name, image, imageId, args, env, workingDir, user, uid, gid, hostname, tty, openStdin,
        labels, autoRemove, state, pid, exitCode, created, startedAt, finishedAt, settings, entrypoint, cmd, newStatus);
  }

  public Container withName(String newName) {
    return new Container(id, newName, image, imageId, args, env, workingDir, user, uid, gid, hostname, tty, openStdin,
        labels, autoRemove, state, pid, exitCode, created, startedAt, finishedAt, settings, entrypoint, cmd, status);
  }

  public Container withState(ContainerState newState, long newPid, int newExitCode, Instant started, Instant finished) {
    return new Container(id, name, image, imageId, args, env, workingDir, user, uid, gid, hostname, tty, openStdin,
        labels, autoRemove, newState, newPid, newExitCode, created, started, finished, settings, entrypoint, cmd,
        status);
  }
}
