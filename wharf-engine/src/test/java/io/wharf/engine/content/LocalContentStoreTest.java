package io.wharf.engine.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalContentStoreTest {
  @TempDir Path root;
  ContentStore store;

  @BeforeEach
  void open() throws Exception {
    store = new LocalContentStore(root);
  }

  @Test
  void writtenBlobIsReadBackUnderItsDigest() throws Exception {
    byte[] data = "layer".getBytes(StandardCharsets.UTF_8);
    Digest digest = store.write(data);
    assertThat(digest).isEqualTo(Digest.of(data));
    assertThat(store.read(digest)).isEqualTo(data);
    assertThat(store.size(digest)).isEqualTo(5);
    assertThat(root.resolve("blobs/sha256/" + digest.hex())).exists();
    assertThat(store.list()).containsExactly(digest);
  }

  @Test
  void wrongDigestIsRefusedAndLeavesNothing() throws Exception {
    Digest other = Digest.of("other".getBytes(StandardCharsets.UTF_8));
    try (ContentWriter writer = store.writer()) {
      writer.write("data".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> writer.commit(other, -1)).isInstanceOf(InvalidArgument.class)
          .hasMessageContaining("digest mismatch");
    }
    assertThat(store.list()).isEmpty();
    assertThat(root.resolve("ingest")).isEmptyDirectory();
  }

  @Test
  void wrongSizeIsRefused() throws Exception {
    byte[] data = "data".getBytes(StandardCharsets.UTF_8);
    try (ContentWriter writer = store.writer()) {
      writer.write(data);
      assertThatThrownBy(() -> writer.commit(Digest.of(data), 99)).isInstanceOf(InvalidArgument.class);
    }
    assertThat(store.exists(Digest.of(data))).isFalse();
  }

  @Test
  void abandonedWriterLeavesNothing() throws Exception {
    try (ContentWriter writer = store.writer()) {
      writer.write(1);
    }
    assertThat(root.resolve("ingest")).isEmptyDirectory();
  }

  @Test
  void leftoversOfACrashAreRemovedOnOpen() throws Exception {
    Files.writeString(root.resolve("ingest/blob-123.part"), "half");
    new LocalContentStore(root);
    assertThat(root.resolve("ingest")).isEmptyDirectory();
  }

  @Test
  void missingBlobIsNotFound() {
    Digest missing = Digest.of(new byte[] {1});
    assertThatThrownBy(() -> store.open(missing)).isInstanceOf(NotFound.class);
  }
}
