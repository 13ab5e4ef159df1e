package io.wharf.engine.image;

import io.wharf.oci.ImageReference;
import io.wharf.registry.client.Descriptor;
import io.wharf.registry.client.RegistryClient;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The download of one layer of a pull, every byte digest-verified, by one of two routes decided
 * when it gets its download slot. If the pull {@link #claimStream claimed} the layer by then
 * (it is next to be unpacked: every layer below is), its bytes go from the HTTP response
 * straight to the unpack ({@link #stream}), which keeps nothing unless the digest checks out;
 * else they go to a scratch file, which the unpack {@link #follow follows} when its turn comes:
 * from its first byte, while the download may still be writing it, the end only once the digest
 * checked out. Either way the progress lines are Docker's: {@code Downloading} as bytes arrive,
 * then {@code Verifying Checksum} and {@code Download complete}, and {@code Extracting} once the
 * download is complete and the unpack under way. Thread-safe: the pull's thread claims and
 * reads, one download thread writes.
 */
final class LayerFetch {
  private enum Route { UNDECIDED, FILE, STREAM }

  private final RegistryClient client;
  private final ImageReference ref;
  private final Descriptor blob;
  private final Path scratch;
  private final Consumer<PullProgress> progress;
  private final AtomicReference<Route> route = new AtomicReference<>(Route.UNDECIDED);
  private final LayerPipe pipe = new LayerPipe();
  private final java.util.concurrent.CompletableFuture<GrowingFile> scratchFile =
      new java.util.concurrent.CompletableFuture<>();
  private Future<Path> download;
  private boolean complete;
  private boolean unpacking;
  private boolean extractingSaid;

  LayerFetch(RegistryClient client, ImageReference ref, Descriptor blob, Path scratch, Consumer<PullProgress> progress) {
    this.client = client;
    this.ref = ref;
    this.blob = blob;
    this.scratch = scratch;
    this.progress = progress;
  }

  /** Starts the download on {@code downloads}; it begins once one of {@code slots} is free. */
  void start(ExecutorService downloads, Semaphore slots) {
    download = downloads.submit(() -> fetch(slots));
  }

  /**
   * Asks for the layer's bytes as they arrive, through {@link #stream}: true when they will
   * come that way (the download had not begun yet, or the layer was claimed already), false when
   * they go to a {@link #file}.
   */
  boolean claimStream() {
    return route.compareAndSet(Route.UNDECIDED, Route.STREAM) || route.get() == Route.STREAM;
  }

  /**
   * A claimed layer's compressed bytes as they arrive. The stream ends only after the download
   * verified the blob's digest; a download that fails makes it fail. Closing it early stops the
   * download.
   */
  InputStream stream() {
    return pipe.source();
  }

  /**
   * An unclaimed layer's compressed bytes from its scratch file, from the first byte, as far as
   * the download got and then as it goes on. The stream ends only after the download verified
   * the blob's digest; a download that fails makes it fail.
   */
  InputStream follow() throws IOException {
    GrowingFile file;
    try {
      file = scratchFile.get();
    } catch (java.util.concurrent.ExecutionException e) {
      LayerTransfers.await(download, "pull"); // throws the download's own failure
      throw new IOException("the download of " + blob.digest() + " made no scratch file", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for a layer's download");
    }
    InputStream reader = file.reader();
    extracting(false, true);
    return reader;
  }

  /** The scratch file of an unclaimed layer (null for a streamed one): deletable once unpacked. */
  Path scratchFile() {
    return scratchFile.isDone() && !scratchFile.isCompletedExceptionally() ? scratchFile.join().path() : null;
  }

  /**
   * After a layer's unpack failed: throws the download's own failure (a digest mismatch, a
   * broken connection) when the download failed first, since it says what went wrong.
   */
  void rethrowDownloadFailure() throws IOException {
    if (pipe.failed() || (download.isDone() && download.state() == Future.State.FAILED)) {
      LayerTransfers.await(download, "pull");
    }
  }

  /** Says {@code Extracting} once: when the download is complete and the unpack has begun. */
  private synchronized void extracting(boolean downloadComplete, boolean unpackBegun) {
    complete |= downloadComplete;
    unpacking |= unpackBegun;
    if (complete && unpacking && !extractingSaid) {
      extractingSaid = true;
      progress.accept(PullProgress.layer(blob.digest().shortId(), "Extracting"));
    }
  }

  /** Deletes the scratch file the layer downloaded into, if any; once the downloads are over. */
  void discard() throws IOException {
    if (download.state() == Future.State.SUCCESS && download.resultNow() != null) {
      Files.deleteIfExists(download.resultNow());
    }
  }

  /** The scratch file, or null when streamed. */
  private Path fetch(Semaphore slots) throws IOException, InterruptedException {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      scratchFile.completeExceptionally(e);
      throw e;
    }
    try {
      if (route.compareAndSet(Route.UNDECIDED, Route.FILE)) {
        return toFile();
      }
      toPipe();
      return null;
    } finally {
      slots.release();
    }
  }

  private Path toFile() throws IOException {
    GrowingFile file;
    try {
      file = new GrowingFile(Files.createTempFile(scratch, "pull-", ".blob"));
    } catch (IOException | RuntimeException e) {
      scratchFile.completeExceptionally(e);
      throw e;
    }
    scratchFile.complete(file);
    try {
      try (OutputStream out = new ProgressStream(new BufferedOutputStream(
          file.sink(Files.newOutputStream(file.path())), 1 << 16))) {
        client.fetchBlob(ref, blob, 0, out);
      }
      downloaded();
      file.finish();
      extracting(true, false);
      return file.path();
    } catch (Throwable e) {
      file.fail(e);
      Files.deleteIfExists(file.path());
      throw e;
    }
  }

  private void toPipe() throws IOException {
    try {
      client.fetchBlob(ref, blob, 0, new ProgressStream(pipe.sink()));
      downloaded();
      extracting(true, true);
      pipe.end();
    } catch (Throwable e) {
      pipe.fail(e);
      throw e;
    }
  }

  private void downloaded() {
    String shortId = blob.digest().shortId();
    progress.accept(PullProgress.layer(shortId, "Verifying Checksum"));
    progress.accept(PullProgress.layer(shortId, "Download complete"));
  }

  /** Reports {@code Downloading} as bytes arrive, at most every 512 KiB. */
  private final class ProgressStream extends FilterOutputStream {
    private long written;
    private long reported;

    ProgressStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      written += len;
      if (written - reported >= 512 * 1024) {
        reported = written;
        progress.accept(new PullProgress(blob.digest().shortId(), "Downloading", written, blob.size()));
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
