package io.wharf.oci.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.errors.InvalidArgument;
import org.junit.jupiter.api.Test;

class DockerIgnoreTest {
  @Test
  void starStaysInOneElementAndDoubleStarCrossesThem() {
    DockerIgnore rules = DockerIgnore.parse("*.log\n**/*.tmp\nbuild/**\n");
    assertThat(rules.excludes("a.log")).isTrue();
    assertThat(rules.excludes("dir/a.log")).isFalse();
    assertThat(rules.excludes("x.tmp")).isTrue();
    assertThat(rules.excludes("a/b/c/x.tmp")).isTrue();
    assertThat(rules.excludes("build/out/bin")).isTrue();
    assertThat(rules.excludes("builder")).isFalse();
  }

  @Test
  void aMatchingParentExcludesEverythingBelowIt() {
    DockerIgnore rules = DockerIgnore.parse("/node_modules\n./tmp/\n");
    assertThat(rules.excludes("node_modules/x/y.js")).isTrue();
    assertThat(rules.excludes("tmp/cache")).isTrue();
    assertThat(rules.excludes("src/node_modules")).isFalse();
  }

  @Test
  void theLastMatchingRuleDecides() {
    DockerIgnore rules = DockerIgnore.parse("*.md\n!README*.md\nREADME-secret.md\n");
    assertThat(rules.excludes("CHANGES.md")).isTrue();
    assertThat(rules.excludes("README.md")).isFalse();
    assertThat(rules.excludes("README-secret.md")).isTrue();
    assertThat(rules.hasExceptions()).isTrue();
  }

  @Test
  void commentsBlankLinesAndByteOrderMarkAreSkipped() {
    DockerIgnore rules = DockerIgnore.parse("\uFEFF# *.c\n\n   \r\n  a/../b  \r\n");
    assertThat(rules.excludes("x.c")).isFalse();
    assertThat(rules.excludes("b")).isTrue();
    assertThat(rules.excludes("a")).isFalse();
  }

  @Test
  void aBangAloneIsRefused() {
    assertThatThrownBy(() -> DockerIgnore.parse("!\n")).isInstanceOf(InvalidArgument.class)
        .hasMessageContaining("illegal exclusion pattern");
  }

  @Test
  void classesAreRegularExpressionClassesAsInDocker() {
    DockerIgnore rules = DockerIgnore.parse("file[0-9].txt\nx[^a]y\n");
    assertThat(rules.excludes("file7.txt")).isTrue();
    assertThat(rules.excludes("fileA.txt")).isFalse();
    assertThat(rules.excludes("xby")).isTrue();
    assertThat(rules.excludes("xay")).isFalse();
  }
}
