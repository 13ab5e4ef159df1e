package io.wharf.engine.image;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** What pulls, pushes and loads share about layers moving in parallel. Stateless. */
final class LayerTransfers {
  private LayerTransfers() {}

  /**
   * The transfer's result, its failure rethrown as it was thrown (an IOException stays one);
   * an interrupt becomes an InterruptedIOException naming {@code what}.
   */
  static <T> T await(Future<T> transfer, String what) throws IOException {
    try {
      return transfer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(what + " interrupted");
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case RuntimeException re -> throw re;
        case Error error -> throw error;
        default -> throw new IOException(e.getCause());
      }
    }
  }
}
