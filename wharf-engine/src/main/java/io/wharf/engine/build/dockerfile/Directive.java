package io.wharf.engine.build.dockerfile;

/**
 * A parser directive from the top of a Dockerfile ({@code # syntax=…}, {@code # escape=…},
 * {@code # check=…}): its lower-cased name, its value as written and its 1-based line.
 * Immutable and thread-safe.
 */
public record Directive(String name, String value, int line) {}
