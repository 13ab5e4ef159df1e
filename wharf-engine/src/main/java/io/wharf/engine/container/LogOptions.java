package io.wharf.engine.container;

import java.time.Instant;

/**
 * What {@code docker logs} asks for.
 *
 * @param follow go on with new output until the container stops
 * @param stdout include stdout
 * @param stderr include stderr
 * @param since only records at or after this time, or null
 * @param until only records before this time, or null
 * @param tail only the last this many lines, or -1 for all
 * @param timestamps put each line's time (RFC 3339 with nanoseconds) in front of it
 * @param fromOffset where in the log to begin (0: its start; attach without logs begins at
 *     the size it had when the client asked, see {@link ContainerService#logSize})
 */
public record LogOptions(boolean follow, boolean stdout, boolean stderr, Instant since, Instant until, int tail,
    boolean timestamps, long fromOffset) {

  /** Everything, both streams. */
  public static LogOptions all(boolean follow) {
    return new LogOptions(follow, true, true, null, null, -1, false, 0);
  }
}
