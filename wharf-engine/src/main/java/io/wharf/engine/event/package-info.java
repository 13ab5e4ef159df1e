/**
 * Docker's events ({@code docker events}, {@code GET /events}): services publish what happened
 * to containers, images, volumes and networks; subscribers get the recorded history in a time
 * window, then new events as they come, each through its own filter. The history is bounded
 * and kept in the state database, so it outlives a daemon restart.
 */
package io.wharf.engine.event;
