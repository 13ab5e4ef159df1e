package io.wharf.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.Json;
import io.wharf.oci.image.ImageIndex;
import io.wharf.oci.image.Manifest;
import io.wharf.oci.image.MediaTypes;
import io.wharf.oci.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Resolves a reference to its image manifest for a platform: fetches what the tag or digest
 * names, verifies its digest, and for an index or manifest list fetches the platform's
 * manifest, verified against the index's descriptor. Thread-safe.
 */
final class ManifestResolver {
  /** Docker's limit: a manifest is small, a bigger answer is not one. */
  static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
  private static final String ACCEPT = String.join(", ",
      MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_LIST, MediaTypes.DOCKER_MANIFEST);

  private final Transport transport;

  ManifestResolver(Transport transport) {
    this.transport = transport;
  }

  /** A manifest as received, with the digest of its bytes. */
  private record Fetched(byte[] bytes, String mediaType, Digest digest) {}

  ResolvedImage resolve(Endpoint endpoint, ImageReference ref, Platform platform) throws IOException {
    ImageReference named = ref.withDefaultTag();
    String reference = named.digest() != null ? named.digest().toString() : named.tag();
    Fetched top = fetch(endpoint, named, reference);
    if (named.digest() != null && !top.digest().equals(named.digest())) {
      throw mismatch(named.digest(), top.digest());
    }
    Fetched image = top;
    if (MediaTypes.isIndex(top.mediaType())) {
      io.wharf.oci.image.Descriptor chosen = PlatformMatcher.pick(Json.MAPPER.readValue(top.bytes(), ImageIndex.class).manifests(), platform);
      image = fetch(endpoint, named.withDigest(chosen.digest()), chosen.digest().toString());
      if (!image.digest().equals(chosen.digest())) {
        throw mismatch(chosen.digest(), image.digest());
      }
      if (MediaTypes.isIndex(image.mediaType())) {
        throw new IOException("manifest " + chosen.digest() + " for " + PlatformMatcher.format(platform) + " is itself an index; nested indexes are not supported");
      }
    }
    Manifest manifest = Json.MAPPER.readValue(image.bytes(), Manifest.class);
    if (manifest.config() == null) {
      throw new IOException("manifest " + image.digest() + " of " + named.familiarString() + " has no config");
    }
    List<Descriptor> layers = manifest.layers() == null ? List.of() : manifest.layers().stream().map(Descriptor::from).toList();
    ImageReference resolved = new ImageReference(named.domain(), named.path(), named.tag(), top.digest());
    return new ResolvedImage(resolved, image.mediaType(), image.digest(), image.bytes(), Descriptor.from(manifest.config()), layers);
  }

  private Fetched fetch(Endpoint endpoint, ImageReference ref, String reference) throws IOException {
    var uri = endpoint.uri("/v2/" + ref.path() + "/manifests/" + reference);
    HttpResponse<InputStream> response = transport.send(endpoint, Scopes.pull(ref.path()), Transport.Call.of("GET", uri, Map.of("Accept", ACCEPT)));
    if (response.statusCode() == 404) {
      throw new ManifestUnknownException(ref, ErrorResponses.of(response, "manifest unknown: manifest unknown"));
    }
    Transport.expect(response, 200);
    byte[] bytes;
    try (InputStream in = response.body()) {
      bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
    }
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw new IOException("manifest for " + ref.familiarString() + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
    }
    Digest digest = Digest.of(bytes);
    String claimed = response.headers().firstValue("Docker-Content-Digest").orElse("");
    if (Digest.isDigest(claimed) && !Digest.parse(claimed).equals(digest)) {
      throw mismatch(Digest.parse(claimed), digest);
    }
    return new Fetched(bytes, mediaType(bytes, response.headers().firstValue("Content-Type").orElse("")), digest);
  }

  /**
   * The manifest's own {@code mediaType}, else the {@code Content-Type}, else what its shape
   * says (an OCI manifest need not name its type).
   */
  private static String mediaType(byte[] bytes, String contentType) throws IOException {
    JsonNode root = Json.MAPPER.readTree(bytes);
    if (root == null || !root.isObject()) {
      throw new IOException("the registry sent a manifest that is not a JSON object");
    }
    String type = root.path("mediaType").asText("");
    if (type.isEmpty()) {
      int semicolon = contentType.indexOf(';');
      type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }
    if (!type.equals(MediaTypes.OCI_MANIFEST) && !type.equals(MediaTypes.DOCKER_MANIFEST) && !MediaTypes.isIndex(type)) {
      if (root.path("schemaVersion").asInt() == 1 || type.startsWith("application/vnd.docker.distribution.manifest.v1")) {
        throw new IOException("unsupported manifest media type " + type
            + ": Docker Image manifest version 2, schema 1 is no longer supported, rebuild the image");
      }
      type = root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }
    return type;
  }

  private static IOException mismatch(Digest expected, Digest actual) {
    return new IOException("manifest verification failed for digest " + expected + ": the registry sent content with digest " + actual);
  }
}
