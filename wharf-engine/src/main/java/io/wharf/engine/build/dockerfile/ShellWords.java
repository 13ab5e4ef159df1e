package io.wharf.engine.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Docker's first split of ENV, LABEL and ARG arguments into words: on white space outside quotes,
 * keeping the quotes and escapes in the words (they are removed later, when the words are
 * expanded). Inside single quotes the escape character is literal; an escape character at the very
 * end is dropped. Stateless.
 */
final class ShellWords {
  private ShellWords() {}

  static List<String> split(String text, char escape) {
    List<String> words = new ArrayList<>();
    int[] chars = text.codePoints().toArray();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean blankOk = false;
    int quote = 0;
    for (int i = 0; i < chars.length; i++) {
      int ch = chars[i];
      if (quote == 0 && GoText.isSpace(ch)) {
        if (inWord && (blankOk || !word.isEmpty())) {
          words.add(word.toString());
        }
        word.setLength(0);
        inWord = false;
        blankOk = false;
        continue;
      }
      inWord = true;
      if (quote == 0 && (ch == '\'' || ch == '"')) {
        quote = ch;
        blankOk = true;
      } else if (quote != 0 && ch == quote) {
        quote = 0;
      } else if (ch == escape && quote != '\'') {
        if (i + 1 == chars.length) {
          quote = 0;
          continue;
        }
        word.appendCodePoint(ch);
        ch = chars[++i];
      }
      word.appendCodePoint(ch);
    }
    if (inWord && (blankOk || !word.isEmpty())) {
      words.add(word.toString());
    }
    return words;
  }
}
