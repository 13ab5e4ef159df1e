package io.wharf.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ParallelTeeTest {
  private static final byte[] DATA = random(3 * (1 << 20) + 123);

  /** What a task made: the digest of what it read. */
  private record Read(Digest digest, AtomicBoolean closed) implements Closeable {
    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void outputAndTaskBothGetEveryByte() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Read read = ParallelTee.copy(new ByteArrayInputStream(DATA), out, "test-tee",
        in -> new Read(Digest.of(in.readAllBytes()), new AtomicBoolean()));
    assertThat(out.toByteArray()).isEqualTo(DATA);
    assertThat(read.digest()).isEqualTo(Digest.of(DATA));
  }

  @Test
  void taskThatFailsEarlyNeitherStopsNorBlocksTheCopy() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> ParallelTee.copy(new ByteArrayInputStream(DATA), out, "test-tee", in -> {
      in.readNBytes(10);
      throw new IOException("not what I expected");
    })).hasMessage("not what I expected");
    assertThat(out.toByteArray()).isEqualTo(DATA);
  }

  @Test
  void failedCopyStopsTheTask() {
    AtomicBoolean taskSawTheFailure = new AtomicBoolean();
    assertThatThrownBy(() -> ParallelTee.copy(broken(), OutputStream.nullOutputStream(), "test-tee", in -> {
      try {
        in.readAllBytes();
      } catch (IOException e) {
        taskSawTheFailure.set(true);
        throw e;
      }
      return null;
    })).hasMessage("connection reset");
    assertThat(taskSawTheFailure).isTrue();
  }

  @Test
  void failedCopyClosesWhatTheTaskMade() {
    AtomicBoolean closed = new AtomicBoolean();
    assertThatThrownBy(() -> ParallelTee.copy(broken(), OutputStream.nullOutputStream(), "test-tee",
        in -> new Read(null, closed))).hasMessage("connection reset");
    assertThat(closed).isTrue();
  }

  /** {@link #DATA}, then a failure. */
  private static InputStream broken() {
    return new SequenceInputStream(new ByteArrayInputStream(DATA), new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    });
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }
}
