package io.wharf.cli.commands;

/**
 * What one prune removed, as docker prints it ({@code Deleted Volumes:\nname\n}, or "" when
 * nothing went), and the space it freed. Immutable.
 */
record PruneReport(String output, long spaceReclaimed) {
  static final PruneReport NOTHING = new PruneReport("", 0);
}
