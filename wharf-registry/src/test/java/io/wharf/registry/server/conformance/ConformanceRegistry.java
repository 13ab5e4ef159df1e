package io.wharf.registry.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.registry.server.RegistryOptions;
import io.wharf.registry.server.RegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The conformance suite's client ({@code reggie}, as {@code setup.go} configures it) against a
 * Wharf registry of its own: {@link RegistryServer} on 127.0.0.1 with a free port and a fresh
 * root. Requests name their path with the suite's placeholders {@code <name>}, {@code
 * <reference>} and {@code <digest>}; {@code <name>} is {@link #NAMESPACE} ({@code
 * OCI_NAMESPACE}) unless {@link Request#name} says otherwise. Not thread-safe: a workflow's
 * specs run one after the other, as Ginkgo runs them.
 */
final class ConformanceRegistry implements AutoCloseable {
  /** {@code OCI_NAMESPACE}: the repository the workflows push to and pull from. */
  static final String NAMESPACE = "oci-conformance/wharf";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code OCI_CROSSMOUNT_NAMESPACE} left unset: {@code conformance-<uuid>}. */
  final String crossmountNamespace = "conformance-" + UUID.randomUUID();
  private final RegistryServer server;
  private final HttpClient http;
  private final String base;

  private ConformanceRegistry(RegistryServer server) {
    this.server = server;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    this.base = server.scheme() + "://127.0.0.1:" + server.address().getPort();
  }

  static ConformanceRegistry start(Path root) throws IOException {
    return new ConformanceRegistry(RegistryServer.start(RegistryOptions.plain(new InetSocketAddress("127.0.0.1", 0), root)));
  }

  /** {@code client.NewRequest(method, path)}. */
  Request request(String method, String path) {
    return new Request(method, path);
  }

  /**
   * The suite's "Populate registry with …" step: {@code POST /v2/<name>/blobs/uploads/}, then
   * {@code PUT} of the whole blob to the session's Location with {@code ?digest=}. Returns the
   * PUT's response.
   */
  Response populateBlob(SuiteData.TestBlob blob) {
    Response session = request("POST", "/v2/<name>/blobs/uploads/").send();
    return request("PUT", session.relativeLocation())
        .query("digest", blob.digest())
        .header("Content-Type", "application/octet-stream")
        .header("Content-Length", blob.length())
        .body(blob.content())
        .send();
  }

  /** {@code PUT /v2/<name>/manifests/<reference>} with the manifest's Content-Type. */
  Response putManifest(String reference, String contentType, SuiteData.TestBlob manifest) {
    return request("PUT", "/v2/<name>/manifests/<reference>").reference(reference)
        .header("Content-Type", contentType)
        .body(manifest.content())
        .send();
  }

  @Override
  public void close() {
    server.close();
    http.close();
  }

  /** One request being built; {@link #send()} sends it. */
  final class Request {
    private final String method;
    private final String path;
    private String name = NAMESPACE;
    private String reference;
    private String digest;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final List<String> headers = new ArrayList<>();
    private byte[] body;

    private Request(String method, String path) {
      this.method = method;
      this.path = path;
    }

    /** {@code reggie.WithName}. */
    Request name(String value) {
      this.name = value;
      return this;
    }

    /** {@code reggie.WithReference}. */
    Request reference(String value) {
      this.reference = value;
      return this;
    }

    /** {@code reggie.WithDigest}. */
    Request digest(String value) {
      this.digest = value;
      return this;
    }

    /** {@code SetQueryParam}. */
    Request query(String key, String value) {
      query.put(key, value);
      return this;
    }

    /**
     * {@code SetHeader}. {@code Content-Length} is the JDK client's own to set (from the body),
     * so it is dropped here: Go's client too sends the body's length, not the header's.
     */
    Request header(String key, String value) {
      if (!key.equalsIgnoreCase("Content-Length")) {
        headers.add(key);
        headers.add(value);
      }
      return this;
    }

    /** {@code SetBody}. */
    Request body(byte[] value) {
      this.body = value;
      return this;
    }

    Response send() {
      String resolved = path.replace("<name>", name);
      if (reference != null) {
        resolved = resolved.replace("<reference>", reference);
      }
      if (digest != null) {
        resolved = resolved.replace("<digest>", digest);
      }
      StringBuilder uri = new StringBuilder(base).append(resolved);
      char separator = resolved.contains("?") ? '&' : '?';
      for (Map.Entry<String, String> q : query.entrySet()) {
        uri.append(separator).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
        separator = '&';
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString())).method(method,
          body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      for (int i = 0; i < headers.size(); i += 2) {
        request.header(headers.get(i), headers.get(i + 1));
      }
      try {
        HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(method, r.uri(), r.statusCode(), r.headers(), r.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static String encode(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
  }

  /** A response, with reggie's views of it. */
  record Response(String method, URI uri, int status, HttpHeaders headers, byte[] body) {
    /** {@code resp.Header().Get(name)}: the first value, empty when absent. */
    String header(String name) {
      return headers.firstValue(name).orElse("");
    }

    /** {@code GetRelativeLocation}: the Location's path and query. */
    String relativeLocation() {
      URI location = URI.create(header("Location"));
      String raw = location.getRawPath();
      return location.getRawQuery() == null ? raw : raw + "?" + location.getRawQuery();
    }

    /** {@code GetAbsoluteLocation}: the Location resolved against the request's URL. */
    String absoluteLocation() {
      String location = header("Location");
      return location.isEmpty() ? "" : uri.resolve(location).toString();
    }

    /** {@code resp.Errors()}: the codes of the error body's entries, in order. */
    List<String> errorCodes() {
      try {
        List<String> codes = new ArrayList<>();
        JSON.readTree(body).path("errors").forEach(e -> codes.add(e.path("code").asText()));
        return codes;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** {@code getTagList}: the {@code tags} of a tag list, none when the body is not one. */
    List<String> tagList() {
      List<String> tags = new ArrayList<>();
      try {
        JSON.readTree(body).path("tags").forEach(t -> tags.add(t.asText()));
      } catch (IOException e) {
        return List.of();
      }
      return tags;
    }

    @Override
    public String toString() {
      return method + " " + uri + " → " + status + " " + new String(body, StandardCharsets.UTF_8);
    }

    /** {@code Equal(status)}. */
    Response expect(int expected) {
      assertThat(status).as(this::toString).isEqualTo(expected);
      return this;
    }

    /** {@code SatisfyAny(Equal(a), Equal(b), ...)}. */
    Response expectAnyOf(int... statuses) {
      assertThat(status).as(this::toString).isIn(Arrays.stream(statuses).boxed().toList());
      return this;
    }

    /** {@code SatisfyAll(BeNumerically(">=", 200), BeNumerically("<", 300))}. */
    Response expectSuccess() {
      assertThat(status).as(this::toString).isBetween(200, 299);
      return this;
    }

    /** {@code SatisfyAny(SatisfyAll(>= 200, < 300), Equal(a), ...)}. */
    Response expectSuccessOr(int... statuses) {
      List<Integer> accepted = new ArrayList<>(IntStream.range(200, 300).boxed().toList());
      Arrays.stream(statuses).forEach(accepted::add);
      assertThat(status).as(this::toString).isIn(accepted);
      return this;
    }
  }
}
