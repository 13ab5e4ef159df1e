package io.wharf.registry.client;

import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Puts a manifest under a tag (or its digest) and checks that the registry stored the bytes
 * it was sent. Thread-safe.
 */
final class ManifestPusher {
  private final Transport transport;

  ManifestPusher(Transport transport) {
    this.transport = transport;
  }

  Digest push(Endpoint endpoint, ImageReference ref, byte[] manifest, String mediaType) throws IOException {
    Digest digest = Digest.of(manifest);
    if (ref.digest() != null && !ref.digest().equals(digest)) {
      throw new IOException("cannot push " + ref.familiarString() + ": the manifest's digest is " + digest);
    }
    if (manifest.length > ManifestResolver.MAX_MANIFEST_BYTES) {
      throw new IOException("manifest for " + ref.familiarString() + " is larger than " + ManifestResolver.MAX_MANIFEST_BYTES + " bytes");
    }
    String reference = ref.tag() != null ? ref.tag() : ref.digest() != null ? digest.toString() : "latest";
    var call = new Transport.Call("PUT", endpoint.uri("/v2/" + ref.path() + "/manifests/" + reference),
        Map.of("Content-Type", mediaType), HttpRequest.BodyPublishers.ofByteArray(manifest), true);
    HttpResponse<InputStream> response = transport.send(endpoint, Scopes.push(ref.path()), call);
    Transport.complete(response, 201, 200, 202);
    String reported = response.headers().firstValue("Docker-Content-Digest").orElse("");
    if (Digest.isDigest(reported) && !Digest.parse(reported).equals(digest)) {
      throw new IOException("the registry stored the manifest for " + ref.familiarString() + " as " + reported + ", but its digest is " + digest);
    }
    return digest;
  }
}
