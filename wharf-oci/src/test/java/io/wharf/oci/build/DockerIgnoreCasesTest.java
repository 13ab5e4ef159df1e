package io.wharf.oci.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DockerIgnoreCasesTest {
  @Test
  void starsStayWithinOnePathElement() {
    DockerIgnore ignore = DockerIgnore.parse("*.log\n*/temp*\n");
    assertThat(ignore.excludes("app.log")).isTrue();
    assertThat(ignore.excludes("logs/app.log")).isFalse(); // * does not cross a /
    assertThat(ignore.excludes("somedir/temporary.txt")).isTrue();
    assertThat(ignore.excludes("somedir/sub/temporary.txt")).isFalse();
    assertThat(ignore.excludes("app.txt")).isFalse();
  }

  @Test
  void doubleStarCrossesDirectoriesIncludingNone() {
    DockerIgnore ignore = DockerIgnore.parse("**/*.go\nbuild/**/cache\n");
    assertThat(ignore.excludes("main.go")).isTrue();
    assertThat(ignore.excludes("a/b/c/main.go")).isTrue();
    assertThat(ignore.excludes("build/cache")).isTrue();
    assertThat(ignore.excludes("build/x/y/cache")).isTrue();
    assertThat(ignore.excludes("main.gox")).isFalse();
  }

  @Test
  void questionMarksClassesAndEscapes() {
    DockerIgnore ignore = DockerIgnore.parse("temp?\nfile[0-9].txt\nx[!a]y\nliteral\\*star\n");
    assertThat(ignore.excludes("tempa")).isTrue();
    assertThat(ignore.excludes("temp")).isFalse();
    assertThat(ignore.excludes("temp/a")).isFalse();
    assertThat(ignore.excludes("file7.txt")).isTrue();
    assertThat(ignore.excludes("filex.txt")).isFalse();
    // Docker hands classes to Go's regexp as written: [!a] is "! or a", not a negation
    assertThat(ignore.excludes("xay")).isTrue();
    assertThat(ignore.excludes("xby")).isFalse();
    assertThat(ignore.excludes("literal*star")).isTrue();
    assertThat(ignore.excludes("literalXstar")).isFalse();
  }

  @Test
  void aMatchingDirectoryTakesEverythingBelowIt() {
    DockerIgnore ignore = DockerIgnore.parse("node_modules\n/dist\n./tmp/\n");
    assertThat(ignore.excludes("node_modules")).isTrue();
    assertThat(ignore.excludes("node_modules/left-pad/index.js")).isTrue();
    assertThat(ignore.excludes("dist/app.js")).isTrue();
    assertThat(ignore.excludes("tmp/x")).isTrue();
    assertThat(ignore.excludes("src/node_modules")).isFalse(); // patterns are anchored at the root
  }

  @Test
  void exceptionsReincludeAndTheLastMatchingLineWins() {
    DockerIgnore ignore = DockerIgnore.parse("# docs\n*.md\n!README.md\nREADME-secret.md\n!keep/**\nkeep/drop.md\n");
    assertThat(ignore.hasExceptions()).isTrue();
    assertThat(ignore.excludes("CHANGES.md")).isTrue();
    assertThat(ignore.excludes("README.md")).isFalse();
    assertThat(ignore.excludes("README-secret.md")).isTrue();
    assertThat(ignore.excludes("keep/drop.md")).isTrue();
    assertThat(ignore.excludes("keep/a/b.md")).isFalse();
    assertThat(DockerIgnore.parse("*\n!src\n").excludes("src/main.c")).isFalse();
  }

  @Test
  void blankLinesCommentsAndSpacesAreSkippedAndCleaned() {
    DockerIgnore ignore = DockerIgnore.parse("\n   \n# *.c\n  a/../b  \r\n");
    assertThat(ignore.excludes("x.c")).isFalse();
    assertThat(ignore.excludes("b")).isTrue();
    assertThat(DockerIgnore.parse("").excludes("anything")).isFalse();
    assertThat(DockerIgnore.goClean("./a//b/./c/")).isEqualTo("a/b/c");
  }

  @Test
  void malformedPatternsAreRefusedWithTheirText() {
    assertThatThrownBy(() -> DockerIgnore.parse("ok\nbad[\n"))
        .isInstanceOf(io.wharf.oci.errors.InvalidArgument.class).hasMessageContaining("bad[");
  }
}
