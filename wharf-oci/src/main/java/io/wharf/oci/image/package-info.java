/**
 * The OCI image format as records: the image configuration (whose digest is the image ID),
 * manifests, indexes and descriptors, with the JSON names of the OCI image spec and Docker's
 * capitalised container-config keys.
 */
package io.wharf.oci.image;
