package io.wharf.engine.image;

import io.wharf.oci.errors.InvalidArgument;
import java.util.ArrayList;
import java.util.List;

/** Splits a Dockerfile argument string into words, honouring quotes and backslashes. */
final class Words {
  private Words() {}

  static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else if (ch == '\\' && quote == '"' && i + 1 < text.length()) {
          word.append(text.charAt(++i));
        } else {
          word.append(ch);
        }
      } else if (Character.isWhitespace(ch)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        inWord = true;
        if (ch == '"' || ch == '\'') {
          quote = ch;
        } else if (ch == '\\' && i + 1 < text.length()) {
          word.append(text.charAt(++i));
        } else {
          word.append(ch);
        }
      }
    }
    if (quote != 0) {
      throw new InvalidArgument("unexpected end of statement while looking for matching " + quote);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
