/**
 * The error family of Wharf, after moby's errdefs: each kind maps to one HTTP status in the
 * daemon and back to Docker's wording in the CLI. Throw the kind that says what went wrong;
 * never a bare RuntimeException across a service boundary.
 */
package io.wharf.oci.errors;
