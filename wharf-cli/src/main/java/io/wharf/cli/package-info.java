/**
 * {@code wharf}: the command line, with the docker CLI's commands, flags, output and exit
 * codes. Only the command asked for is built, so that start-up stays fast.
 */
package io.wharf.cli;
