package io.wharf.engine.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wharf.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A registry on 127.0.0.1 serving one image, {@code <host>/test/image:latest} (OCI manifest,
 * config, gzip layers), for pull tests, which can misbehave on one blob: send other bytes than
 * its digest names, or send its first half and hold the rest until told. Thread-safe.
 */
final class OneImageRegistry implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, byte[]> substitutes = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
  private final List<Digest> layers = new ArrayList<>();
  private final byte[] manifest;

  /** Serves an image of {@code layerTars} (uncompressed; gzipped here), bottom first. */
  OneImageRegistry(List<byte[]> layerTars) throws IOException {
    StringBuilder diffIds = new StringBuilder();
    StringBuilder descriptors = new StringBuilder();
    for (byte[] tar : layerTars) {
      byte[] gzip = gzip(tar);
      Digest digest = put(gzip);
      layers.add(digest);
      diffIds.append(diffIds.isEmpty() ? "" : ",").append('"').append(Digest.of(tar)).append('"');
      descriptors.append(descriptors.isEmpty() ? "" : ",").append(descriptor("application/vnd.oci.image.layer.v1.tar+gzip",
          digest, gzip.length));
    }
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}").getBytes(StandardCharsets.UTF_8);
    manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
        + descriptor("application/vnd.oci.image.config.v1+json", put(config), config.length) + ",\"layers\":["
        + descriptors + "]}").getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code tar}, gzipped without compression: two tars of one size make blobs of one size. */
  static byte[] gzip(byte[] tar) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
      {
        def.setLevel(Deflater.NO_COMPRESSION);
      }
    }) {
      gzip.write(tar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  String reference() {
    return "127.0.0.1:" + server.getAddress().getPort() + "/test/image:latest";
  }

  /** The digest of layer {@code index}'s blob, bottom first. */
  Digest layer(int index) {
    return layers.get(index);
  }

  /** Serves {@code bytes} for layer {@code index}'s blob instead of what its digest names. */
  void substitute(int index, byte[] bytes) {
    substitutes.put(layer(index).toString(), bytes);
  }

  /** Sends the first half of layer {@code index}'s blob, the rest once {@code resume} is open. */
  void holdHalfway(int index, CountDownLatch resume) {
    holds.put(layer(index).toString(), resume);
  }

  private Digest put(byte[] blob) {
    Digest digest = Digest.of(blob);
    blobs.put(digest.toString(), blob);
    return digest;
  }

  private static String descriptor(String mediaType, Digest digest, long size) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/v2/")) {
        send(exchange, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
      } else if (path.equals("/v2/test/image/manifests/latest")) {
        exchange.getResponseHeaders().set("Docker-Content-Digest", Digest.of(manifest).toString());
        send(exchange, manifest, "application/vnd.oci.image.manifest.v1+json");
      } else if (path.startsWith("/v2/test/image/blobs/") && blobs.containsKey(path.substring(21))) {
        String digest = path.substring(21);
        byte[] blob = substitutes.getOrDefault(digest, blobs.get(digest));
        CountDownLatch hold = holds.get(digest);
        if (hold == null) {
          send(exchange, blob, "application/octet-stream");
          return;
        }
        exchange.sendResponseHeaders(200, blob.length);
        OutputStream out = exchange.getResponseBody();
        out.write(blob, 0, blob.length / 2);
        out.flush();
        if (hold.await(30, TimeUnit.SECONDS)) {
          out.write(blob, blob.length / 2, blob.length - blob.length / 2);
        }
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, byte[] body, String type) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseHeaders().set("Content-Length", Long.toString(body.length));
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    holds.values().forEach(CountDownLatch::countDown);
    server.stop(0);
  }
}
