package io.wharf.engine.build.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHashIndexTest {
  @TempDir Path temp;

  private static Digest sha(String s) {
    return Digest.of(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aFileIsReadOnceWhileItsStatIsUnchanged() throws Exception {
    ContentHashIndex index = new ContentHashIndex();
    Path file = Files.writeString(temp.resolve("a"), "alpha");
    assertThat(index.hash(file)).isEqualTo(sha("alpha"));
    assertThat(index.hash(file)).isEqualTo(sha("alpha"));
    assertThat(index.reads()).isEqualTo(1);
  }

  @Test
  void aChangedFileIsReadAgain() throws Exception {
    ContentHashIndex index = new ContentHashIndex();
    Path file = Files.writeString(temp.resolve("a"), "alpha");
    index.hash(file);
    Files.writeString(file, "beta, longer");
    assertThat(index.hash(file)).isEqualTo(sha("beta, longer"));
    assertThat(index.reads()).isEqualTo(2);
  }

  @Test
  void aTouchedFileIsReadAgainAndKeepsItsDigest() throws Exception {
    ContentHashIndex index = new ContentHashIndex();
    Path file = Files.writeString(temp.resolve("a"), "alpha");
    index.hash(file);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
    assertThat(index.hash(file)).isEqualTo(sha("alpha"));
    assertThat(index.reads()).isEqualTo(2);
  }

  @Test
  void aRecordedFileIsNeverRead() throws Exception {
    ContentHashIndex index = new ContentHashIndex();
    Path file = Files.writeString(temp.resolve("a"), "alpha");
    index.record(file, sha("alpha"));
    assertThat(index.hash(file)).isEqualTo(sha("alpha"));
    assertThat(index.reads()).isZero();
  }

  @Test
  void theLeastRecentlyUsedEntryIsForgottenFirst() throws Exception {
    ContentHashIndex index = new ContentHashIndex(2);
    Path a = Files.writeString(temp.resolve("a"), "a");
    Path b = Files.writeString(temp.resolve("b"), "b");
    Path c = Files.writeString(temp.resolve("c"), "c");
    index.hash(a);
    index.hash(b);
    index.hash(a);
    index.hash(c); // evicts b
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.reads()).isEqualTo(3);
    index.hash(a);
    assertThat(index.reads()).isEqualTo(3);
    index.hash(b);
    assertThat(index.reads()).isEqualTo(4);
  }

  @Test
  void onlyRegularFilesAreHashed() throws Exception {
    ContentHashIndex index = new ContentHashIndex();
    Path target = Files.writeString(temp.resolve("t"), "t");
    Path link = Files.createSymbolicLink(temp.resolve("l"), target);
    assertThatThrownBy(() -> index.hash(link)).isInstanceOf(InvalidArgument.class);
    assertThatThrownBy(() -> index.hash(temp)).isInstanceOf(InvalidArgument.class);
  }
}
