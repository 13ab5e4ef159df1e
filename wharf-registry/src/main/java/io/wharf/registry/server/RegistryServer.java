package io.wharf.registry.server;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * Wharf's registry: the OCI distribution API over the JDK's HTTP(S) server, each request on
 * its own virtual thread, the content under {@link RegistryOptions#root()} (layout in the
 * package documentation).
 *
 * <pre>{@code
 * try (RegistryServer registry = RegistryServer.start(RegistryOptions.plain(
 *     new InetSocketAddress("127.0.0.1", 0), dir))) {
 *   URI base = URI.create("http://127.0.0.1:" + registry.address().getPort() + "/v2/");
 *   ...
 * }
 * }</pre>
 *
 * Plain HTTP is served through a {@link PlainDoor}, which answers clients that try TLS first at
 * once. Thread-safe; {@link #close()} stops listening and abandons requests in flight (their uploads
 * are forgotten, as after any restart).
 */
public final class RegistryServer implements AutoCloseable {
  private final HttpServer http;
  private final PlainDoor door;
  private final ExecutorService executor;
  private final boolean tls;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RegistryServer(HttpServer http, PlainDoor door, ExecutorService executor, boolean tls) {
    this.http = http;
    this.door = door;
    this.executor = executor;
    this.tls = tls;
  }

  /**
   * Opens the storage under {@code options.root()} (creating it), loads the htpasswd file and
   * TLS identity when given, and starts listening.
   *
   * @throws IOException when the address cannot be bound or a file cannot be read
   * @throws IllegalArgumentException when the htpasswd file or the PEM files are not usable
   */
  public static RegistryServer start(RegistryOptions options) throws IOException {
    Path root = Files.createDirectories(options.root());
    BlobStore blobs = new BlobStore(root);
    Repositories repositories = new Repositories(root);
    ManifestStore manifests = new ManifestStore(blobs, repositories);
    Router router = new Router(
        options.htpasswd() == null ? null : Htpasswd.load(options.htpasswd()),
        new ManifestRoutes(manifests),
        new BlobRoutes(blobs, repositories),
        new UploadRoutes(blobs, repositories, new Uploads(blobs)),
        new DiscoveryRoutes(repositories, manifests));
    SSLContext tls = options.tls() ? TlsContext.load(options.tlsCert(), options.tlsKey()) : null;
    HttpServer http;
    if (tls != null) {
      HttpsServer https = HttpsServer.create(options.addr(), 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      http = https;
    } else {
      // plain HTTP listens behind a door that answers TLS probes at once (see PlainDoor)
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    }
    http.createContext("/", router);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    http.setExecutor(executor);
    http.start();
    PlainDoor door = null;
    if (tls == null) {
      try {
        door = PlainDoor.open(options.addr(), http.getAddress(), executor);
      } catch (IOException e) {
        http.stop(0);
        executor.shutdownNow();
        throw e;
      }
    }
    return new RegistryServer(http, door, executor, options.tls());
  }

  /** The address listened on, with the port chosen when the options said 0. */
  public InetSocketAddress address() {
    return door == null ? http.getAddress() : door.address();
  }

  /** {@code http} or {@code https}. */
  public String scheme() {
    return tls ? "https" : "http";
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      if (door != null) {
        try {
          door.close();
        } catch (IOException ignored) {
          // closing a listening socket has nothing to report
        }
      }
      http.stop(0);
      executor.shutdownNow();
    }
  }
}
