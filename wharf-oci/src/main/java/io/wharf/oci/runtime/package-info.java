/** The OCI runtime specification's records: what a bundle's {@code config.json} holds. */
package io.wharf.oci.runtime;
