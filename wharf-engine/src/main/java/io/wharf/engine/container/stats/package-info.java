/**
 * What {@code docker stats} and {@code docker top} show of a running container: its cgroup's
 * counters (cgroup v1 per controller, or the unified v2 hierarchy) with the host's CPU time and
 * its network namespace's interfaces, sampled as Docker's {@code StatsResponse}; and the host's
 * {@code ps} output reduced to the processes of its cgroup.
 *
 * <p>A container's cgroup is {@code /<cgroup parent>/<container id>}: on cgroup v1 that path
 * under each controller ({@code /sys/fs/cgroup/memory/wharf-0123456789ab/<id>}), on v2 under
 * the one hierarchy ({@code /sys/fs/cgroup/wharf-0123456789ab/<id>}).
 */
package io.wharf.engine.container.stats;
