/**
 * The boundary to the OCI runtime: a container's bundle ({@code config.json} with Docker's
 * defaults, the root file system mounted from its snapshot), started under conmon, which
 * holds its stdio, writes its log and records its exit code, and outlives wharfd.
 */
package io.wharf.engine.runtime;
