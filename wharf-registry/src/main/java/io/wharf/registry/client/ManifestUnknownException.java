package io.wharf.registry.client;

import io.wharf.oci.ImageReference;

/**
 * The registry has no manifest for a reference (404). The message is Docker's:
 * {@code manifest for busybox:nope not found: manifest unknown: manifest unknown}. Immutable.
 */
public final class ManifestUnknownException extends RegistryException {
  ManifestUnknownException(ImageReference ref, RegistryException cause) {
    super(cause.status(), cause.code(), "manifest for " + ref.familiarString() + " not found: " + cause.getMessage());
  }
}
