/**
 * {@code wharfd}: the daemon's entry point, flags and configuration file, logging and
 * lifecycle (pid file, sockets, shutdown).
 */
package io.wharf.daemon;
