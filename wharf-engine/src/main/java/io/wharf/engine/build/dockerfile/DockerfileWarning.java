package io.wharf.engine.build.dockerfile;

/**
 * Something in a Dockerfile that Docker accepts but warns about (an empty continuation line, a
 * deprecated MAINTAINER, a legacy {@code ENV key value}, an ignored {@code # syntax} frontend),
 * with the 1-based line it concerns. Immutable and thread-safe.
 */
public record DockerfileWarning(int line, String message) {}
