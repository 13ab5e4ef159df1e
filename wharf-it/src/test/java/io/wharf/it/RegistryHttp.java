package io.wharf.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.oci.Digest;
import io.wharf.oci.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes into a registry without auth over the distribution API, to set up what wharfd cannot
 * push itself: multi-platform indexes, zstd layers, images of another architecture.
 */
final class RegistryHttp {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String repository;

  RegistryHttp(String base, String repository) {
    this.base = base;
    this.repository = repository;
  }

  /**
   * An OCI index whose linux/arm64 entry is a one-empty-layer (gzip) image and whose
   * linux/amd64 entry is the image tagged {@code amd64Tag} with its layers recompressed as zstd.
   */
  String multiPlatformIndex(String amd64Tag) throws Exception {
    JsonNode amd64 = Json.MAPPER.readTree(get("/manifests/" + amd64Tag,
        "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json"));
    ObjectNode zstdManifest = amd64.deepCopy();
    var layers = zstdManifest.putArray("layers");
    for (JsonNode layer : amd64.path("layers")) {
      byte[] tar = Compression.decompressed(getBytes("/blobs/" + layer.path("digest").asText()));
      byte[] zstd = com.github.luben.zstd.Zstd.compress(tar, 3);
      layers.addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar+zstd")
          .put("digest", putBlob(zstd).toString()).put("size", zstd.length);
    }
    byte[] amd64Bytes = Json.MAPPER.writeValueAsBytes(zstdManifest);
    Digest amd64Digest = Digest.of(amd64Bytes);
    putManifest(amd64Digest.toString(), new String(amd64Bytes, StandardCharsets.UTF_8),
        "application/vnd.oci.image.manifest.v1+json");

    byte[] emptyTar = new byte[1024];
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(emptyTar);
    }
    Digest layer = putBlob(gz.toByteArray());
    byte[] config = Json.MAPPER.writeValueAsBytes(Map.of("architecture", "arm64", "os", "linux",
        "config", Map.of("Cmd", List.of("/bin/sh")),
        "rootfs", Map.of("type", "layers", "diff_ids", List.of(Digest.of(emptyTar).toString()))));
    Digest configDigest = putBlob(config);
    byte[] arm64Bytes = Json.MAPPER.writeValueAsBytes(Map.of("schemaVersion", 2,
        "mediaType", "application/vnd.oci.image.manifest.v1+json",
        "config", Map.of("mediaType", "application/vnd.oci.image.config.v1+json", "digest", configDigest.toString(),
            "size", config.length),
        "layers", List.of(Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip",
            "digest", layer.toString(), "size", gz.size()))));
    Digest arm64Digest = Digest.of(arm64Bytes);
    putManifest(arm64Digest.toString(), new String(arm64Bytes, StandardCharsets.UTF_8),
        "application/vnd.oci.image.manifest.v1+json");

    return Json.MAPPER.writeValueAsString(Map.of("schemaVersion", 2,
        "mediaType", "application/vnd.oci.image.index.v1+json",
        "manifests", List.of(
            Map.of("mediaType", "application/vnd.oci.image.manifest.v1+json", "digest", arm64Digest.toString(),
                "size", arm64Bytes.length, "platform", Map.of("os", "linux", "architecture", "arm64")),
            Map.of("mediaType", "application/vnd.oci.image.manifest.v1+json", "digest", amd64Digest.toString(),
                "size", amd64Bytes.length, "platform", Map.of("os", "linux", "architecture", "amd64")))));
  }

  void putManifest(String reference, String manifest, String mediaType) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/manifests/" + reference))
        .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofString(manifest)).build(),
        HttpResponse.BodyHandlers.ofString());
    expect(response, 201);
  }

  /** Uploads {@code bytes} with a monolithic POST then PUT; returns their digest. */
  Digest putBlob(byte[] bytes) throws Exception {
    Digest digest = Digest.of(bytes);
    HttpResponse<String> started = http.send(HttpRequest.newBuilder(uri("/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    expect(started, 202);
    String location = started.headers().firstValue("Location").orElseThrow();
    URI put = URI.create(base).resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
    expect(http.send(HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString()), 201);
    return digest;
  }

  private String get(String path, String accept) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
    expect(response, 200);
    return response.body();
  }

  private byte[] getBytes(String path) throws Exception {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri(path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + ": " + response.statusCode());
    }
    return response.body();
  }

  private URI uri(String path) {
    return URI.create(base + "/v2/" + repository + path);
  }

  private static void expect(HttpResponse<String> response, int status) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException(response.request().method() + " " + response.request().uri() + ": "
          + response.statusCode() + " " + response.body());
    }
  }

  /** Layers as stored, whatever their compression. */
  private static final class Compression {
    static byte[] decompressed(byte[] blob) throws IOException {
      try (var in = io.wharf.engine.archive.Compression.decompress(new java.io.ByteArrayInputStream(blob))) {
        return in.readAllBytes();
      }
    }
  }
}
