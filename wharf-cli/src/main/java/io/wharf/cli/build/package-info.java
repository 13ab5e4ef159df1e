/**
 * The client side of {@code wharf build}, as the docker CLI's classic builder does it: finding
 * the context directory and its Dockerfile, applying {@code .dockerignore}, and streaming the
 * context to the daemon as a tar (or taking it from stdin).
 */
package io.wharf.cli.build;
