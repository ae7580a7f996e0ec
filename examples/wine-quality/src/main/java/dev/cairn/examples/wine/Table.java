package dev.cairn.examples.wine;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A numeric table with named columns, read from and written to delimited text with a header row.
 *
 * @param columns the column names
 * @param rows the values, one array per row, each as long as {@code columns}
 */
public record Table(List<String> columns, double[][] rows) {
  /** Checks that every row has one value per column. */
  public Table {
    columns = List.copyOf(columns);
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != columns.size()) {
        throw new IllegalArgumentException("Row " + r + " has " + rows[r].length + " values for " + columns.size() + " columns");
      }
    }
  }

  /** Returns the number of rows. */
  public int size() {
    return rows.length;
  }

  /** Returns the index of a column. */
  public int indexOf(String column) {
    int i = columns.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("No column '" + column + "' among " + columns);
    }
    return i;
  }

  /**
   * Reads a delimited file whose first line names the columns (optionally in double quotes) and whose
   * other lines hold numbers.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException naming the file and line of a malformed value
   */
  public static Table read(Path file, char delimiter) throws IOException {
    String split = Pattern.quote(String.valueOf(delimiter));
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header == null) {
        throw new IllegalArgumentException(file + " is empty");
      }
      List<String> columns = new ArrayList<>();
      for (String name : header.split(split, -1)) {
        columns.add(unquote(name.strip()));
      }
      List<double[]> rows = new ArrayList<>();
      String line;
      int lineNo = 1;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(split, -1);
        if (cells.length != columns.size()) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": " + cells.length + " values for " + columns.size() + " columns");
        }
        double[] row = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
          try {
            row[i] = Double.parseDouble(cells[i].strip());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": '" + cells[i] + "' in column '" + columns.get(i)
                + "' is not a number", e);
          }
        }
        rows.add(row);
      }
      return new Table(columns, rows.toArray(double[][]::new));
    }
  }

  /** Writes the table as comma-separated text with a header row, creating parent directories. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writer.write(String.join(",", columns.stream().map(Table::quoteIfNeeded).toList()));
      writer.write('\n');
      for (double[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          if (i > 0) {
            writer.write(',');
          }
          writer.write(format(row[i]));
        }
        writer.write('\n');
      }
    }
  }

  /** Integral values without a fraction ({@code 5}), others in Java's shortest round-trip form. */
  private static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
    return s;
  }

  private static String quoteIfNeeded(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
