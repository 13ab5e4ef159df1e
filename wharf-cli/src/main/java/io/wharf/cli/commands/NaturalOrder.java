package io.wharf.cli.commands;

import java.util.Comparator;

/**
 * The order the docker CLI sorts names and port lines in ({@code sortorder.NaturalLess}):
 * runs of digits compare as numbers ({@code net2 < net10}, fewer leading zeros first), other
 * bytes compare as they are, and a digit sorts before any other character. Stateless.
 */
final class NaturalOrder implements Comparator<String> {
  static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char c1 = a.charAt(i);
      char c2 = b.charAt(j);
      boolean digit1 = isDigit(c1);
      boolean digit2 = isDigit(c2);
      if (digit1 != digit2) {
        return digit1 ? -1 : 1;
      }
      if (!digit1) {
        if (c1 != c2) {
          return Character.compare(c1, c2);
        }
        i++;
        j++;
        continue;
      }
      while (i < a.length() && a.charAt(i) == '0') {
        i++;
      }
      while (j < b.length() && b.charAt(j) == '0') {
        j++;
      }
      int nonZero1 = i;
      int nonZero2 = j;
      while (i < a.length() && isDigit(a.charAt(i))) {
        i++;
      }
      while (j < b.length() && isDigit(b.charAt(j))) {
        j++;
      }
      if (i - nonZero1 != j - nonZero2) {
        return Integer.compare(i - nonZero1, j - nonZero2);
      }
      int digits = a.substring(nonZero1, i).compareTo(b.substring(nonZero2, j));
      if (digits != 0) {
        return digits;
      }
      if (nonZero1 != nonZero2) {
        return Integer.compare(nonZero1, nonZero2);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
