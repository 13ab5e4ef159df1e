package io.wharf.engine.build.context;

import static io.wharf.engine.build.context.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.oci.Digest;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("root")
class SourceChecksumTest {
  @TempDir Path temp;
  ContentHashIndex hashes = new ContentHashIndex();
  Path left;
  Path right;

  @BeforeEach
  void trees() throws Exception {
    left = tree(temp.resolve("left"));
    right = tree(temp.resolve("right"));
  }

  private static Path tree(Path root) throws Exception {
    write(root.resolve("app/main.py"), "print('hi')\n");
    write(root.resolve("app/lib/util.py"), "x = 1\n");
    write(root.resolve("run.sh"), "#!/bin/sh\n");
    Files.setAttribute(root.resolve("run.sh"), "unix:mode", 0755);
    Files.createSymbolicLink(root.resolve("app/current"), Path.of("lib"));
    return root;
  }

  private Digest checksum(Path root) throws Exception {
    return SourceChecksum.of(SourceMatcher.match(root, List.of("app", "run.sh"), "COPY"), hashes);
  }

  @Test
  void equalTreesHaveEqualChecksums() throws Exception {
    assertThat(checksum(left)).isEqualTo(checksum(right));
  }

  @Test
  void mtimesDoNotCount() throws Exception {
    Digest before = checksum(right);
    Files.setLastModifiedTime(right.resolve("app/main.py"), FileTime.from(Instant.parse("1999-01-01T00:00:00Z")));
    Files.setLastModifiedTime(right.resolve("app"), FileTime.from(Instant.parse("1999-01-01T00:00:00Z")));
    assertThat(checksum(right)).isEqualTo(before).isEqualTo(checksum(left));
  }

  @Test
  void contentChangesCount() throws Exception {
    Files.writeString(right.resolve("app/lib/util.py"), "x = 2\n");
    assertThat(checksum(right)).isNotEqualTo(checksum(left));
  }

  @Test
  void modeChangesCountSetuidIncluded() throws Exception {
    Files.setAttribute(right.resolve("run.sh"), "unix:mode", 04755);
    assertThat(checksum(right)).isNotEqualTo(checksum(left));
  }

  @Test
  void ownerChangesCount() throws Exception {
    Files.setAttribute(right.resolve("app/main.py"), "unix:uid", 1000, LinkOption.NOFOLLOW_LINKS);
    assertThat(checksum(right)).isNotEqualTo(checksum(left));
  }

  @Test
  void namesAndLinkTargetsCount() throws Exception {
    Files.move(right.resolve("app/main.py"), right.resolve("app/main2.py"));
    assertThat(checksum(right)).isNotEqualTo(checksum(left));
    Files.move(right.resolve("app/main2.py"), right.resolve("app/main.py"));
    assertThat(checksum(right)).isEqualTo(checksum(left));
    Files.delete(right.resolve("app/current"));
    Files.createSymbolicLink(right.resolve("app/current"), Path.of("./lib"));
    assertThat(checksum(right)).isNotEqualTo(checksum(left));
  }

  @Test
  void theSourceOrderCounts() throws Exception {
    Digest forward = SourceChecksum.of(SourceMatcher.match(left, List.of("app", "run.sh"), "COPY"), hashes);
    Digest backward = SourceChecksum.of(SourceMatcher.match(left, List.of("run.sh", "app"), "COPY"), hashes);
    assertThat(forward).isNotEqualTo(backward);
  }

  @Test
  void unchangedFilesAreNotReadAgain() throws Exception {
    checksum(left);
    long reads = hashes.reads();
    assertThat(reads).isEqualTo(3);
    checksum(left);
    assertThat(hashes.reads()).isEqualTo(reads);
    Files.writeString(left.resolve("run.sh"), "#!/bin/bash\n");
    checksum(left);
    assertThat(hashes.reads()).isEqualTo(reads + 1);
  }
}
