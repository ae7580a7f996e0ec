package dev.cairn.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A table of string cells rendered as DVC renders tables: tabulate's {@code plain} and {@code
 * github} formats with numbers left unparsed, or Python's {@code csv.writer}. Each render method
 * returns the exact text DVC writes to stdout, final newline included.
 */
public record TextTable(List<String> headers, List<List<String>> rows) {
  public TextTable {
    headers = List.copyOf(headers);
    List<List<String>> r = new ArrayList<>();
    for (List<String> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException("row has " + row.size() + " cells, expected " + headers.size());
      }
      r.add(List.copyOf(row));
    }
    rows = List.copyOf(r);
  }

  /** Whether the table has no rows (DVC then prints nothing in the plain format). */
  public boolean isEmpty() {
    return rows.isEmpty();
  }

  private int[] widths() {
    int[] w = new int[headers.size()];
    for (int c = 0; c < w.length; c++) {
      w[c] = headers.get(c).codePointCount(0, headers.get(c).length()) + 2;
      for (List<String> row : rows) {
        w[c] = Math.max(w[c], row.get(c).codePointCount(0, row.get(c).length()));
      }
    }
    return w;
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.codePointCount(0, s.length())));
  }

  private static String stripEnd(String s) {
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /**
   * tabulate {@code plain}: left-aligned columns of width max(cell, header + 2) joined by two
   * spaces, each line right-stripped. An empty table prints nothing (DVC's {@code ui.table}).
   */
  public String plain() {
    if (rows.isEmpty()) {
      return "";
    }
    int[] w = widths();
    StringBuilder sb = new StringBuilder();
    line(sb, headers, w);
    for (List<String> row : rows) {
      line(sb, row, w);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells, int[] w) {
    StringBuilder l = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        l.append("  ");
      }
      l.append(pad(cells.get(c), w[c]));
    }
    sb.append(stripEnd(l.toString())).append('\n');
  }

  /**
   * tabulate {@code github} (GitHub-flavoured Markdown): cells padded to the column width with one
   * space each side, a dashed separator row, then the extra blank line DVC appends.
   */
  public String markdown() {
    int[] w = widths();
    StringBuilder sb = new StringBuilder();
    mdLine(sb, headers, w);
    sb.append('|');
    for (int c = 0; c < w.length; c++) {
      sb.append("-".repeat(w[c] + 2)).append('|');
    }
    sb.append('\n');
    for (List<String> row : rows) {
      mdLine(sb, row, w);
    }
    return sb.append('\n').toString();
  }

  private static void mdLine(StringBuilder sb, List<String> cells, int[] w) {
    sb.append('|');
    for (int c = 0; c < cells.size(); c++) {
      sb.append(' ').append(pad(cells.get(c), w[c])).append(" |");
    }
    sb.append('\n');
  }

  /**
   * The table as DVC 3 draws {@code exp show} (rich's {@code HORIZONTALS} box): a rule of {@code ─}
   * above and below the header and at the bottom, each cell padded with one space on both sides,
   * columns one space apart, the columns in {@code rightAligned} (headers too) right-aligned, lines
   * right-stripped.
   */
  public String horizontals(Set<Integer> rightAligned) {
    int[] w = new int[headers.size()];
    int total = Math.max(0, w.length - 1);
    for (int c = 0; c < w.length; c++) {
      w[c] = len(headers.get(c));
      for (List<String> row : rows) {
        w[c] = Math.max(w[c], len(row.get(c)));
      }
      total += w[c] + 2;
    }
    String rule = " " + "\u2500".repeat(total) + "\n";
    StringBuilder sb = new StringBuilder(rule);
    ruledLine(sb, headers, w, rightAligned);
    sb.append(rule);
    for (List<String> row : rows) {
      ruledLine(sb, row, w, rightAligned);
    }
    return sb.append(rule).toString();
  }

  private static int len(String s) {
    return s.codePointCount(0, s.length());
  }

  private static void ruledLine(StringBuilder sb, List<String> cells, int[] w, Set<Integer> right) {
    StringBuilder l = new StringBuilder(" ");
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String fill = " ".repeat(Math.max(0, w[c] - len(cell)));
      l.append(c > 0 ? "  " : " ").append(right.contains(c) ? fill + cell : cell + fill).append(' ');
    }
    sb.append(stripEnd(l.toString())).append('\n');
  }

  /** Python {@code csv.writer} defaults: comma, minimal quoting, {@code \r\n} line ends. */
  public String csv() {
    StringBuilder sb = new StringBuilder();
    csvLine(sb, headers);
    for (List<String> row : rows) {
      csvLine(sb, row);
    }
    return sb.toString();
  }

  private static void csvLine(StringBuilder sb, List<String> cells) {
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        sb.append(',');
      }
      String s = cells.get(c);
      boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
          || (cells.size() == 1 && s.isEmpty());
      sb.append(quote ? '"' + s.replace("\"", "\"\"") + '"' : s);
    }
    sb.append("\r\n");
  }
}
