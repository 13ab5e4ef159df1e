package io.wharf.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FifosTest {
  @TempDir Path dir;

  @Test
  void readsWhatAWriterThatComesLaterWritesUpToItsClose() throws Exception {
    Path fifo = dir.resolve("exec.fifo");
    FileSystemCalls.mkfifo(fifo, 0600);
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try {
        return Fifos.readAll(fifo, 20, () -> true);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    // the JDK's open for writing blocks until the reader above is there, as runc init's does
    try (OutputStream out = Files.newOutputStream(fifo)) {
      out.write("0".getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread.sleep(30); // the reader must not stop at the first byte, only at the close
      out.write("12".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(new String(read.get(), StandardCharsets.UTF_8)).isEqualTo("012");
  }

  @Test
  void givesUpWhenNoWriterComesAndTheCallerStopsWaiting() throws IOException {
    Path fifo = dir.resolve("exec.fifo");
    FileSystemCalls.mkfifo(fifo, 0600);
    AtomicInteger asked = new AtomicInteger();
    assertThatThrownBy(() -> Fifos.readAll(fifo, 5, () -> asked.incrementAndGet() < 3))
        .isInstanceOf(IOException.class).hasMessageContaining("nobody wrote to " + fifo);
    assertThat(asked).hasValue(3);
  }

  @Test
  void aMissingFifoIsAnError() {
    assertThatThrownBy(() -> Fifos.readAll(dir.resolve("none"), 5, () -> true))
        .isInstanceOf(IOException.class).hasMessageContaining("No such file");
  }
}
