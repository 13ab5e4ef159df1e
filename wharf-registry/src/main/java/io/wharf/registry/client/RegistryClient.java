package io.wharf.registry.client;

import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.image.Platform;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Talks the OCI distribution protocol to any registry: resolves references, streams and
 * uploads blobs, pushes manifests, answers authentication challenges (see the package
 * documentation for how endpoints are chosen).
 *
 * <p>A pull, worked through: {@code resolve(ImageReference.parse("busybox"))} pings
 * {@code https://registry-1.docker.io/v2/}, which challenges with
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io"}; a token
 * for {@code repository:library/busybox:pull} is fetched and cached; {@code GET
 * /v2/library/busybox/manifests/latest} returns an index, whose {@code linux/amd64} entry is
 * fetched by digest; then {@link #fetchBlob} streams the config and each layer.
 *
 * <p>Thread-safe: one client serves all pulls and pushes of a daemon, in parallel. Blocking;
 * meant for virtual threads. {@link #close} aborts what is in flight.
 */
public final class RegistryClient implements AutoCloseable {
  private final Endpoints endpoints;
  private final Transport transport;
  private final ManifestResolver manifests;
  private final ManifestPusher manifestPusher;
  private final BlobDownloader downloads;
  private final BlobUploader uploads;
  private final TagLister tags;

  public RegistryClient(RegistryConfig config) {
    endpoints = new Endpoints(config);
    transport = new Transport(endpoints, new Tokens(endpoints, config.credentials()));
    manifests = new ManifestResolver(transport);
    manifestPusher = new ManifestPusher(transport);
    downloads = new BlobDownloader(transport);
    uploads = new BlobUploader(transport);
    tags = new TagLister(transport);
  }

  /**
   * Resolves a reference to its manifest for linux/amd64: {@code GET
   * /v2/<path>/manifests/<tag|digest>} accepting OCI indexes and manifests and Docker's
   * manifest lists and schema 2 manifests; an index or list is narrowed to its variant-less
   * {@code linux/amd64} entry, fetched by digest. Every manifest's digest is checked against
   * its bytes, against the reference's digest and against the index entry.
   *
   * @throws ManifestUnknownException when the registry has no such manifest
   * @throws RegistryAuthException when the registry refuses access
   */
  public ResolvedImage resolve(ImageReference ref) throws IOException {
    return resolve(ref, PlatformMatcher.LINUX_AMD64);
  }

  /**
   * Like {@link #resolve(ImageReference)} for another platform ({@code --platform}): the
   * index entry whose OS, architecture and variant match, variants normalised as containerd
   * does ({@code arm64/v8} is {@code arm64}). A single manifest is returned whatever its
   * platform, as Docker pulls it and warns.
   */
  public ResolvedImage resolve(ImageReference ref, Platform platform) throws IOException {
    return pull(ref, endpoint -> manifests.resolve(endpoint, ref, platform), () -> true);
  }

  /**
   * Streams blob {@code blob} of {@code ref}'s repository to {@code sink}: bytes from
   * {@code offset} on, the earlier ones being in the sink already (they are fetched again to
   * be hashed; see the overload to avoid that). Every byte is verified: a digest that does not
   * match throws an {@link IOException} naming both digests, after the bad bytes were written,
   * so the caller must discard what the sink holds. Redirects to blob storage are followed
   * (without {@code Authorization} on another host); a stream that breaks is resumed once with
   * {@code Range}.
   */
  public void fetchBlob(ImageReference ref, Descriptor blob, long offset, OutputStream sink) throws IOException {
    fetchBlob(ref, blob, offset, null, sink);
  }

  /**
   * Like {@link #fetchBlob(ImageReference, Descriptor, long, OutputStream)}, with
   * {@code present}, a SHA-256 over the {@code offset} bytes the sink has (say, of a partial
   * download re-read from disk), so that only the rest is fetched. {@code present} is not
   * changed; null means fetch the first bytes again.
   */
  public void fetchBlob(ImageReference ref, Descriptor blob, long offset, MessageDigest present, OutputStream sink) throws IOException {
    CountingStream counted = new CountingStream(sink);
    pull(ref, endpoint -> {
      downloads.fetch(endpoint, ref, blob, offset, present, counted);
      return null;
    }, () -> counted.count == 0);
  }

  /** Whether {@code ref}'s repository holds blob {@code digest}: {@code HEAD /v2/<path>/blobs/<digest>}. */
  public boolean blobExists(ImageReference ref, Digest digest) throws IOException {
    return uploads.exists(primary(ref), ref, digest, Scopes.pull(ref.path()));
  }

  /**
   * Uploads a blob to {@code ref}'s repository: nothing when it is there already; a
   * cross-repository mount ({@code ?mount=<digest>&from=<mountFrom>}) when
   * {@code mountFrom}, a repository path of the same registry, is given and the registry
   * accepts it; else {@code POST} and one {@code PUT} of {@code content}, or {@code PATCH}
   * chunks when the blob is over 32 MiB. {@code content} opens the blob's bytes; it may be
   * called more than once (a retry after a 401).
   *
   * @return true when the blob was uploaded, false when it was there already or mounted
   */
  public boolean pushBlob(ImageReference ref, Descriptor blob, Supplier<InputStream> content, String mountFrom) throws IOException {
    return uploadBlob(ref, blob, content, mountFrom) == BlobPush.UPLOADED;
  }

  /**
   * Uploads {@code content}, whose digest is not known beforehand (compressed on the way), in
   * one streamed request; returns its descriptor, with the digest of what was sent.
   */
  public Descriptor streamBlob(ImageReference ref, String mediaType, InputStream content) throws IOException {
    return uploads.stream(primary(ref), ref, mediaType, content);
  }

  /** True for a registry on this machine's loopback ({@code localhost:5000}, {@code 127.0.0.1:5000}). */
  public static boolean isLoopback(String registry) {
    return Hosts.isLoopback(registry);
  }

  /** Like {@link #pushBlob}, telling apart a blob that was present from one that was mounted. */
  public BlobPush uploadBlob(ImageReference ref, Descriptor blob, Supplier<InputStream> content, String mountFrom)
      throws IOException {
    return uploads.push(primary(ref), ref, blob, content, mountFrom);
  }

  /**
   * Puts {@code manifest} under {@code ref}'s tag (its digest when it has none) with its
   * media type; returns the manifest's digest, checked against what the registry reports.
   */
  public Digest pushManifest(ImageReference ref, byte[] manifest, String mediaType) throws IOException {
    return manifestPusher.push(primary(ref), ref, manifest, mediaType);
  }

  /** The tags of {@code ref}'s repository, all pages of them, for {@code docker pull --all-tags}. */
  public List<String> listTags(ImageReference ref) throws IOException {
    return pull(ref, endpoint -> tags.list(endpoint, ref), () -> true);
  }

  /**
   * Checks that {@code registryHost} answers {@code GET /v2/} and accepts the credentials
   * configured for it: a login. {@code docker.io} (or {@code https://index.docker.io/v1/})
   * is Docker Hub.
   *
   * @throws RegistryAuthException when the registry refuses the credentials (or their absence)
   */
  public void ping(String registryHost) throws IOException {
    Endpoint endpoint = endpoints.ping(endpoints.primary(registryHost));
    var response = transport.send(endpoint, Scopes.none(), Transport.Call.of("GET", endpoint.uri("/v2/"), Map.of()));
    Transport.complete(response, 200);
  }

  @Override
  public void close() {
    endpoints.close();
  }

  private Endpoint primary(ImageReference ref) throws IOException {
    return endpoints.open(endpoints.primary(ref.domain()));
  }

  private interface Step<T> {
    T run(Endpoint endpoint) throws IOException;
  }

  /**
   * Runs {@code step} against the mirrors, then the registry. Docker falls back from a mirror
   * on any failure; here only while {@code canFallBack} (nothing was written yet).
   */
  private <T> T pull(ImageReference ref, Step<T> step, BooleanSupplier canFallBack) throws IOException {
    IOException mirrorFailure = null;
    for (Endpoints.Candidate candidate : endpoints.forPull(ref.domain())) {
      try {
        return step.run(endpoints.open(candidate));
      } catch (IOException e) {
        if (!candidate.mirror() || e instanceof InterruptedIOException || !canFallBack.getAsBoolean()) {
          if (mirrorFailure != null) {
            e.addSuppressed(mirrorFailure);
          }
          throw e;
        }
        mirrorFailure = e;
      }
    }
    throw new IllegalStateException("no endpoint for " + ref.domain());
  }

  /** Counts what reaches the sink, to know whether another endpoint may start over. */
  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      out.write(bytes, off, len);
      count += len;
    }
  }
}
