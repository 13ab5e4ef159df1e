package io.wharf.registry.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/**
 * {@code GET|HEAD|PUT|DELETE /v2/<name>/manifests/<reference>}, the reference a tag or a
 * digest. A manifest is answered with the exact bytes and the Content-Type it was pushed with.
 * Thread-safe.
 */
final class ManifestRoutes {
  private final ManifestStore manifests;

  ManifestRoutes(ManifestStore manifests) {
    this.manifests = manifests;
  }

  void get(Exchange ex) throws IOException {
    String reference = ex.part("reference");
    ManifestStore.Stored stored = manifests.get(ex.name(), reference);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(stored.file());
    } catch (NoSuchFileException e) {
      throw RegistryException.of(ErrorCode.MANIFEST_UNKNOWN, Map.of("reference", reference));
    }
    ex.header("Docker-Content-Digest", stored.digest().toString())
        .header("ETag", "\"" + stored.digest() + "\"")
        .send(200, bytes, stored.mediaType());
  }

  void put(Exchange ex) throws IOException {
    RepositoryName name = ex.name();
    String length = ex.header("Content-Length");
    byte[] bytes = length != null && Long.parseLong(length) > ManifestStore.MAX_SIZE
        ? null
        : ex.body().readNBytes(ManifestStore.MAX_SIZE + 1);
    if (bytes == null || bytes.length > ManifestStore.MAX_SIZE) {
      // the spec asks for 413 for a manifest too large; the code is distribution's
      throw RegistryException.of(ErrorCode.MANIFEST_INVALID, "manifest exceeds " + ManifestStore.MAX_SIZE + " bytes")
          .withStatus(413);
    }
    ManifestStore.Pushed pushed = manifests.put(name, ex.part("reference"), mediaType(ex.header("Content-Type")), bytes);
    ex.header("Location", "/v2/" + name + "/manifests/" + pushed.digest())
        .header("Docker-Content-Digest", pushed.digest().toString());
    if (pushed.subject() != null) {
      ex.header("OCI-Subject", pushed.subject().toString());
    }
    ex.send(201);
  }

  void delete(Exchange ex) throws IOException {
    manifests.delete(ex.name(), ex.part("reference"));
    ex.send(202);
  }

  /** The media type of a Content-Type header, without parameters; null when there is none. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return type.isEmpty() ? null : type;
  }
}
