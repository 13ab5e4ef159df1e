/** What builds share between the CLI and the engine: the {@code .dockerignore} matcher. */
package io.wharf.oci.build;
