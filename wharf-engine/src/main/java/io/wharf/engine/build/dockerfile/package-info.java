/**
 * Dockerfiles: the parser that turns a Dockerfile's text into {@link io.wharf.engine.build.dockerfile.Instruction}s
 * the way Docker's (BuildKit's) frontend reads it — parser directives, line continuations, comments,
 * JSON and shell forms, heredocs, and each instruction's argument shape and error wording — and
 * the {@link io.wharf.engine.build.dockerfile.VariableExpander} that substitutes {@code $VAR} and
 * {@code ${VAR:-default}} with the semantics of Docker's shell lexer.
 */
package io.wharf.engine.build.dockerfile;
