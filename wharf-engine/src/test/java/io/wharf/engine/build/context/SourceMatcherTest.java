package io.wharf.engine.build.context;

import static io.wharf.engine.build.context.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.errors.InvalidArgument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceMatcherTest {
  @TempDir Path temp;
  Path root;

  @BeforeEach
  void context() throws Exception {
    root = Files.createDirectory(temp.resolve("ctx"));
    write(root.resolve("b.txt"), "b");
    write(root.resolve("a.txt"), "a");
    write(root.resolve("notes.md"), "n");
    write(root.resolve("src/main.c"), "m");
    write(root.resolve("src/util.c"), "u");
    write(root.resolve("src/sub/deep.c"), "d");
    write(root.resolve("data/set.csv"), "1,2");
    write(root.resolve("a\\*b"), "literal");
  }

  private static List<String> relatives(List<CopySource> sources) {
    return sources.stream().map(CopySource::relative).toList();
  }

  @Test
  void aPlainPathNamesOneEntry() throws Exception {
    List<CopySource> sources = SourceMatcher.match(root, List.of("src/main.c", "data"), "COPY");
    assertThat(relatives(sources)).containsExactly("src/main.c", "data");
    assertThat(sources.getFirst().path()).isEqualTo(root.resolve("src/main.c"));
    assertThat(sources.getFirst().pattern()).isEqualTo("src/main.c");
    assertThat(sources.getFirst().remote()).isFalse();
  }

  @Test
  void wildcardsMatchOneElementEachInLexicalOrder() throws Exception {
    assertThat(relatives(SourceMatcher.match(root, List.of("*.txt"), "COPY"))).containsExactly("a.txt", "b.txt");
    assertThat(relatives(SourceMatcher.match(root, List.of("src/*.c"), "COPY"))).containsExactly("src/main.c", "src/util.c");
    assertThat(relatives(SourceMatcher.match(root, List.of("*/*.c"), "COPY"))).containsExactly("src/main.c", "src/util.c");
    assertThat(relatives(SourceMatcher.match(root, List.of("?.txt", "[n]otes.*"), "COPY")))
        .containsExactly("a.txt", "b.txt", "notes.md");
    assertThat(relatives(SourceMatcher.match(root, List.of("s*"), "COPY"))).containsExactly("src");
  }

  @Test
  void resultsFollowThePatternOrder() throws Exception {
    assertThat(relatives(SourceMatcher.match(root, List.of("notes.md", "*.txt", "data/"), "COPY")))
        .containsExactly("notes.md", "a.txt", "b.txt", "data");
  }

  @Test
  void anEscapedStarIsNoWildcardAndTheBackslashStaysInTheName() throws Exception {
    assertThat(relatives(SourceMatcher.match(root, List.of("a\\*b"), "COPY"))).containsExactly("a\\*b");
  }

  @Test
  void aMissingPathFailsInDockersWords() {
    assertThatThrownBy(() -> SourceMatcher.match(root, List.of("a.txt", "missing.txt"), "COPY"))
        .isInstanceOf(InvalidArgument.class)
        .hasMessage("COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt: "
            + "file does not exist");
    assertThatThrownBy(() -> SourceMatcher.match(root, List.of("/gone/x"), "ADD"))
        .hasMessage("ADD failed: file not found in build context or excluded by .dockerignore: stat gone/x: "
            + "file does not exist");
  }

  @Test
  void patternsMatchingNothingAtAllFail() throws Exception {
    assertThatThrownBy(() -> SourceMatcher.match(root, List.of("*.none"), "COPY")).isInstanceOf(InvalidArgument.class)
        .hasMessage("COPY failed: no source files were specified");
    assertThat(relatives(SourceMatcher.match(root, List.of("*.none", "a.txt"), "COPY"))).containsExactly("a.txt");
  }

  @Test
  void aLeadingSlashOrDotSlashIsTheRoot() throws Exception {
    assertThat(relatives(SourceMatcher.match(root, List.of("/a.txt", "./b.txt", "/src/*.c"), "COPY")))
        .containsExactly("a.txt", "b.txt", "src/main.c", "src/util.c");
    assertThat(SourceMatcher.match(root, List.of("."), "COPY").getFirst().path()).isEqualTo(root);
  }

  @Test
  void dotDotNeverLeavesTheRoot() throws Exception {
    Files.writeString(temp.resolve("secret"), "s");
    assertThat(SourceMatcher.match(root, List.of("../../a.txt"), "COPY").getFirst().path()).isEqualTo(root.resolve("a.txt"));
    assertThatThrownBy(() -> SourceMatcher.match(root, List.of("../secret"), "COPY")).isInstanceOf(InvalidArgument.class)
        .hasMessageContaining("stat ../secret: file does not exist");
  }

  @Test
  void aTopLevelSymlinkIsFollowedInsideTheRoot() throws Exception {
    Files.createSymbolicLink(root.resolve("to-data"), Path.of("/data"));
    Files.writeString(temp.resolve("outside.txt"), "o");
    Files.createSymbolicLink(root.resolve("escape"), Path.of("../../outside.txt"));
    CopySource data = SourceMatcher.match(root, List.of("to-data"), "COPY").getFirst();
    assertThat(data.path()).isEqualTo(root.resolve("data"));
    assertThat(data.relative()).isEqualTo("to-data");
    assertThat(data.baseName()).isEqualTo("to-data");
    assertThatThrownBy(() -> SourceMatcher.match(root, List.of("escape"), "COPY")).isInstanceOf(InvalidArgument.class)
        .hasMessageContaining("stat escape: file does not exist");
  }

  @Test
  void aWildcardMatchedDanglingSymlinkIsMissing() throws Exception {
    Files.createSymbolicLink(root.resolve("z-dangling"), Path.of("nowhere"));
    assertThatThrownBy(() -> SourceMatcher.match(root, List.of("z-*"), "COPY"))
        .hasMessageContaining("stat z-dangling: file does not exist");
  }
}
