package io.wharf.engine.build.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.errors.InvalidArgument;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {
  @Test
  void starStaysInOneElementAndDoubleStarCrossesThem() {
    IgnoreRules rules = IgnoreRules.parse("*.log\n**/*.tmp\nbuild/**\n");
    assertThat(rules.excludes("a.log")).isTrue();
    assertThat(rules.excludes("dir/a.log")).isFalse();
    assertThat(rules.excludes("x.tmp")).isTrue();
    assertThat(rules.excludes("a/b/c/x.tmp")).isTrue();
    assertThat(rules.excludes("build/out/bin")).isTrue();
    assertThat(rules.excludes("builder")).isFalse();
  }

  @Test
  void aMatchingParentExcludesEverythingBelowIt() {
    IgnoreRules rules = IgnoreRules.parse("/node_modules\n./tmp/\n");
    assertThat(rules.excludes("node_modules/x/y.js")).isTrue();
    assertThat(rules.excludes("tmp/cache")).isTrue();
    assertThat(rules.excludes("src/node_modules")).isFalse();
  }

  @Test
  void theLastMatchingRuleDecides() {
    IgnoreRules rules = IgnoreRules.parse("*.md\n!README*.md\nREADME-secret.md\n");
    assertThat(rules.excludes("CHANGES.md")).isTrue();
    assertThat(rules.excludes("README.md")).isFalse();
    assertThat(rules.excludes("README-secret.md")).isTrue();
    assertThat(rules.hasExceptions()).isTrue();
  }

  @Test
  void commentsBlankLinesAndByteOrderMarkAreSkipped() {
    IgnoreRules rules = IgnoreRules.parse("\uFEFF# *.c\n\n   \r\n  a/../b  \r\n");
    assertThat(rules.excludes("x.c")).isFalse();
    assertThat(rules.excludes("b")).isTrue();
    assertThat(rules.excludes("a")).isFalse();
  }

  @Test
  void aBangAloneIsRefused() {
    assertThatThrownBy(() -> IgnoreRules.parse("!\n")).isInstanceOf(InvalidArgument.class)
        .hasMessageContaining("illegal exclusion pattern");
  }

  @Test
  void classesAreRegularExpressionClassesAsInDocker() {
    IgnoreRules rules = IgnoreRules.parse("file[0-9].txt\nx[^a]y\n");
    assertThat(rules.excludes("file7.txt")).isTrue();
    assertThat(rules.excludes("fileA.txt")).isFalse();
    assertThat(rules.excludes("xby")).isTrue();
    assertThat(rules.excludes("xay")).isFalse();
  }
}
