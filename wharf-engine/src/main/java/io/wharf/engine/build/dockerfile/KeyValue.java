package io.wharf.engine.build.dockerfile;

/**
 * One {@code key=value} of ENV, LABEL or ARG, both as written in the Dockerfile: quotes and
 * {@code $VAR} references are still in them (Docker removes quotes when it expands the words, see
 * {@link VariableExpander#expand}). {@code value} is null for an ARG declared without a default.
 * Immutable and thread-safe.
 */
public record KeyValue(String key, String value) {}
