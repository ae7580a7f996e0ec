package com.example.wine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Labelled rows read from a CSV file: numeric features and a binary label, 1 for a good wine
 * (quality of at least {@link #GOOD_FROM}), 0 otherwise.
 *
 * @param features the feature names, in column order
 * @param x one row of feature values per sample
 * @param y one label (0 or 1) per sample
 */
public record Dataset(List<String> features, double[][] x, int[] y) {
  /** The target column of the CSV file. */
  public static final String TARGET = "quality";
  /** The lowest quality that counts as good. */
  public static final int GOOD_FROM = 6;

  /** Checks that there is one label per row and one value per feature in every row. */
  public Dataset {
    features = List.copyOf(features);
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " rows but " + y.length + " labels");
    }
    for (double[] row : x) {
      if (row.length != features.size()) {
        throw new IllegalArgumentException("a row has " + row.length + " values for " + features.size() + " features");
      }
    }
  }

  /**
   * Reads a comma-separated file with a header line; every column but {@link #TARGET} is a feature.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the target column is missing or a value is not a number
   */
  public static Dataset read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(csv + ": empty file");
    }
    List<String> header = Arrays.asList(lines.get(0).split(","));
    int target = header.indexOf(TARGET);
    if (target < 0) {
      throw new IllegalArgumentException(csv + ": no '" + TARGET + "' column in " + header);
    }
    List<String> features = new ArrayList<>(header);
    features.remove(target);
    List<double[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] cells = lines.get(i).split(",");
      if (cells.length != header.size()) {
        throw new IllegalArgumentException(csv + ":" + (i + 1) + ": " + cells.length + " values for " + header.size() + " columns");
      }
      double[] row = new double[features.size()];
      for (int c = 0, f = 0; c < cells.length; c++) {
        double value;
        try {
          value = Double.parseDouble(cells[c].trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(csv + ":" + (i + 1) + ": '" + cells[c] + "' is not a number");
        }
        if (c == target) {
          labels.add(value >= GOOD_FROM ? 1 : 0);
        } else {
          row[f++] = value;
        }
      }
      rows.add(row);
    }
    return new Dataset(features, rows.toArray(double[][]::new), labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The number of samples. */
  public int size() {
    return y.length;
  }

  /**
   * Splits the rows into train and test parts after shuffling them with {@code seed}: the same
   * seed gives the same split.
   *
   * @param testSize the share of rows in the test part, strictly between 0 and 1
   */
  public Split split(double testSize, long seed) {
    if (!(testSize > 0 && testSize < 1)) {
      throw new IllegalArgumentException("test size must be between 0 and 1, got " + testSize);
    }
    int[] order = new int[size()];
    Arrays.setAll(order, i -> i);
    Random random = new Random(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int test = (int) Math.round(size() * testSize);
    return new Split(rows(Arrays.copyOfRange(order, test, order.length)), rows(Arrays.copyOfRange(order, 0, test)));
  }

  private Dataset rows(int[] index) {
    double[][] rx = new double[index.length][];
    int[] ry = new int[index.length];
    for (int i = 0; i < index.length; i++) {
      rx[i] = x[index[i]];
      ry[i] = y[index[i]];
    }
    return new Dataset(features, rx, ry);
  }

  /**
   * The two parts of a split.
   *
   * @param train the rows to fit on
   * @param test the rows to evaluate on
   */
  public record Split(Dataset train, Dataset test) {}
}
