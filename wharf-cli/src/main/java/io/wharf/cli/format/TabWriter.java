package io.wharf.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's text/tabwriter with the settings the docker CLI uses for tables (minimum width 10,
 * padding 3, spaces): cells end with a tab; a column is aligned over each block of
 * consecutive lines that have a cell in it; the last cell of a line is not padded.
 * Not thread-safe.
 */
public final class TabWriter {
  private final int minWidth;
  private final int padding;
  private final StringBuilder pending = new StringBuilder();

  public TabWriter(int minWidth, int padding) {
    this.minWidth = minWidth;
    this.padding = padding;
  }

  /** The docker CLI's table settings. */
  public static TabWriter docker() {
    return new TabWriter(10, 3);
  }

  public TabWriter write(String text) {
    pending.append(text);
    return this;
  }

  /** The aligned text of everything written. */
  public String flush() {
    String text = pending.toString();
    pending.setLength(0);
    boolean trailingNewline = text.endsWith("\n");
    String[] rawLines = (trailingNewline ? text.substring(0, text.length() - 1) : text).split("\n", -1);
    List<String[]> lines = new ArrayList<>();
    for (String line : rawLines) {
      lines.add(line.split("\t", -1));
    }
    int[][] widths = new int[lines.size()][];
    for (int i = 0; i < lines.size(); i++) {
      widths[i] = new int[lines.get(i).length];
    }
    format(lines, widths, 0, lines.size(), 0);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String[] cells = lines.get(i);
      for (int c = 0; c < cells.length; c++) {
        out.append(cells[c]);
        if (c < cells.length - 1) {
          out.append(" ".repeat(Math.max(0, widths[i][c] - width(cells[c]))));
        }
      }
      if (i < lines.size() - 1 || trailingNewline) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private void format(List<String[]> lines, int[][] widths, int from, int to, int column) {
    int i = from;
    while (i < to) {
      if (lines.get(i).length - 1 > column) {
        int start = i;
        int width = 0;
        while (i < to && lines.get(i).length - 1 > column) {
          width = Math.max(width, width(lines.get(i)[column]) + padding);
          i++;
        }
        width = Math.max(width, minWidth);
        for (int k = start; k < i; k++) {
          widths[k][column] = width;
        }
        format(lines, widths, start, i, column + 1);
      } else {
        i++;
      }
    }
  }

  private static int width(String cell) {
    return cell.codePointCount(0, cell.length());
  }
}
