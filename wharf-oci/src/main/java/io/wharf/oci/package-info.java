/**
 * Pure values of the container world, with no I/O: digests, image references, OCI image
 * and runtime records, and the error family every layer of Wharf throws.
 */
package io.wharf.oci;
