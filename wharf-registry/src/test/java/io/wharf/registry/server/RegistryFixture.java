package io.wharf.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Digest;
import io.wharf.oci.Json;
import io.wharf.oci.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A registry on 127.0.0.1 with a fresh root, and an HTTP client that speaks to it; the tests'
 * shared fixture. Not thread-safe.
 */
final class RegistryFixture implements AutoCloseable {
  final Path root;
  final RegistryServer server;
  final HttpClient http;
  final String base;

  private RegistryFixture(Path root, RegistryServer server, HttpClient http) {
    this.root = root;
    this.server = server;
    this.http = http;
    this.base = server.scheme() + "://127.0.0.1:" + server.address().getPort();
  }

  static RegistryFixture start(Path root) throws IOException {
    return start(RegistryOptions.plain(new InetSocketAddress("127.0.0.1", 0), root), HttpClient.newBuilder());
  }

  static RegistryFixture start(RegistryOptions options, HttpClient.Builder client) throws IOException {
    RegistryServer server = RegistryServer.start(options);
    return new RegistryFixture(options.root(), server, client.version(HttpClient.Version.HTTP_1_1).build());
  }

  /** Sends {@code method path} with {@code body} (null for none) and header name/value pairs. */
  HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  HttpResponse<byte[]> get(String path, String... headers) throws IOException {
    return send("GET", path, null, headers);
  }

  /** Pushes {@code bytes} monolithically ({@code POST ?digest=}) and returns their digest. */
  Digest pushBlob(String repository, byte[] bytes) throws IOException {
    Digest digest = Digest.of(bytes);
    HttpResponse<byte[]> r = send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + digest, bytes);
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    return digest;
  }

  /** Pushes a manifest and returns its digest. */
  Digest pushManifest(String repository, String reference, String mediaType, byte[] manifest) throws IOException {
    HttpResponse<byte[]> r = send("PUT", "/v2/" + repository + "/manifests/" + reference, manifest, "Content-Type", mediaType);
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    return Digest.parse(r.headers().firstValue("Docker-Content-Digest").orElseThrow());
  }

  /** Pushes a random config and {@code layers} random layers, then their OCI manifest. */
  Image pushImage(String repository, String tag, long seed, int layers) throws IOException {
    byte[] config = random(seed, 100);
    List<byte[]> blobs = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      blobs.add(random(seed * 31 + i, 1000 + i));
    }
    for (byte[] blob : blobs) {
      pushBlob(repository, blob);
    }
    pushBlob(repository, config);
    byte[] manifest = manifest(MediaTypes.OCI_MANIFEST, config, blobs, null, null);
    return new Image(pushManifest(repository, tag, MediaTypes.OCI_MANIFEST, manifest), manifest, Digest.of(config),
        blobs.stream().map(Digest::of).toList());
  }

  record Image(Digest manifest, byte[] bytes, Digest config, List<Digest> layers) {}

  /** An image manifest JSON of {@code mediaType}, optionally an artifact with a subject. */
  static byte[] manifest(String mediaType, byte[] config, List<byte[]> layers, Digest subject, String artifactType)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    m.put("mediaType", mediaType);
    if (artifactType != null) {
      m.put("artifactType", artifactType);
    }
    m.put("config", descriptor(MediaTypes.OCI_CONFIG, config));
    m.put("layers", layers.stream().map(l -> descriptor(MediaTypes.OCI_LAYER_GZIP, l)).toList());
    if (subject != null) {
      m.put("subject", Map.of("mediaType", MediaTypes.OCI_MANIFEST, "digest", subject.toString(), "size", 1));
      m.put("annotations", Map.of("org.example.seed", artifactType == null ? "none" : artifactType));
    }
    return Json.MAPPER.writeValueAsBytes(m);
  }

  static Map<String, Object> descriptor(String mediaType, byte[] content) {
    return Map.of("mediaType", mediaType, "digest", Digest.of(content).toString(), "size", content.length);
  }

  static byte[] random(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    return Json.MAPPER.readTree(response.body());
  }

  /** The code of the first error of an error response. */
  static String errorCode(HttpResponse<byte[]> response) throws IOException {
    return json(response).path("errors").path(0).path("code").asText();
  }

  /**
   * Sends a request exactly as written (no client normalises its path) and returns the status
   * line's code.
   */
  int raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  @Override
  public void close() {
    server.close();
    http.close();
  }
}
