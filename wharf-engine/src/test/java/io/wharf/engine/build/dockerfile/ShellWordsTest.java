package io.wharf.engine.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellWordsTest {
  @Test
  void splitsOnWhiteSpaceOutsideQuotesAndKeepsTheQuotes() {
    assertThat(ShellWords.split("  a=1   b=\"x y\" c='p q'  ", '\\')).containsExactly("a=1", "b=\"x y\"", "c='p q'");
  }

  @Test
  void escapedSpaceStaysInTheWordWithItsEscape() {
    assertThat(ShellWords.split("a=x\\ y b", '\\')).containsExactly("a=x\\ y", "b");
    assertThat(ShellWords.split("a=x` y b", '`')).containsExactly("a=x` y", "b");
  }

  @Test
  void escapeIsLiteralInsideSingleQuotesButEscapesInsideDoubleQuotes() {
    assertThat(ShellWords.split("'a\\' \"b\\\" c\"", '\\')).containsExactly("'a\\'", "\"b\\\" c\"");
  }

  @Test
  void emptyQuotedWordIsKeptAndTrailingEscapeIsDropped() {
    assertThat(ShellWords.split("\"\" x\\", '\\')).containsExactly("\"\"", "x");
  }

  @Test
  void unterminatedQuoteRunsToTheEnd() {
    assertThat(ShellWords.split("a \"b c", '\\')).containsExactly("a", "\"b c");
  }
}
