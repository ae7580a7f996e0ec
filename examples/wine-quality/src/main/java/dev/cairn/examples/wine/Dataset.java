package dev.cairn.examples.wine;

import java.util.ArrayList;
import java.util.List;

/**
 * Features and integer class labels.
 *
 * @param features the feature names
 * @param x the feature values, one row per sample
 * @param y the class label of each sample
 */
public record Dataset(List<String> features, double[][] x, int[] y) {
  /** Checks shapes. */
  public Dataset {
    features = List.copyOf(features);
    if (x.length != y.length) {
      throw new IllegalArgumentException("Features and labels differ in length: " + x.length + " vs " + y.length);
    }
  }

  /** Returns the number of samples. */
  public int size() {
    return y.length;
  }

  /**
   * Splits a table into features (every column but {@code target}) and labels ({@code target}).
   *
   * @throws IllegalArgumentException if the target column is missing or holds a non-integer
   */
  public static Dataset fromTable(Table table, String target) {
    int t = table.indexOf(target);
    List<String> features = new ArrayList<>(table.columns());
    features.remove(t);
    double[][] x = new double[table.size()][];
    int[] y = new int[table.size()];
    for (int r = 0; r < table.size(); r++) {
      double[] row = table.rows()[r];
      double label = row[t];
      if (label != Math.rint(label)) {
        throw new IllegalArgumentException("Target '" + target + "' must hold class labels (integers), row " + r + " has " + label);
      }
      y[r] = (int) label;
      double[] featureRow = new double[row.length - 1];
      System.arraycopy(row, 0, featureRow, 0, t);
      System.arraycopy(row, t + 1, featureRow, t, row.length - t - 1);
      x[r] = featureRow;
    }
    return new Dataset(features, x, y);
  }

  /** Returns the rows at the given indices, in that order. */
  public Dataset select(int[] indices) {
    double[][] sx = new double[indices.length][];
    int[] sy = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      sx[i] = x[indices[i]];
      sy[i] = y[indices[i]];
    }
    return new Dataset(features, sx, sy);
  }

  /** Returns the features as a table. */
  public Table featureTable() {
    return new Table(features, x);
  }

  /** Returns the labels as a one-column table named {@code target}. */
  public Table labelTable(String target) {
    double[][] rows = new double[y.length][];
    for (int i = 0; i < y.length; i++) {
      rows[i] = new double[] {y[i]};
    }
    return new Table(List.of(target), rows);
  }

  /** Joins a feature table and a one-column label table back into a data set. */
  public static Dataset of(Table features, Table labels) {
    if (labels.columns().size() != 1) {
      throw new IllegalArgumentException("A label table has one column, got " + labels.columns());
    }
    int[] y = new int[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = (int) labels.rows()[i][0];
    }
    return new Dataset(features.columns(), features.rows(), y);
  }
}
