/**
 * The content store: blobs (layers, configs, manifests) named by their sha256 digest, in the
 * OCI layout {@code blobs/sha256/<hex>}. A blob is written under {@code ingest/}, digested as
 * it is written, verified, then renamed into place: never a blob under a wrong digest.
 */
package io.wharf.engine.content;
