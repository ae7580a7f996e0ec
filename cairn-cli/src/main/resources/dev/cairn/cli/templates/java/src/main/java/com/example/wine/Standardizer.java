package com.example.wine;

/**
 * Scales each feature to mean 0 and standard deviation 1, with the means and deviations of the
 * data it was fitted on (the train part only, so nothing of the test part leaks into the model).
 */
public final class Standardizer {
  private final double[] mean;
  private final double[] scale;

  Standardizer(double[] mean, double[] scale) {
    this.mean = mean.clone();
    this.scale = scale.clone();
  }

  /** Fits on {@code x}: per column, the mean and the population standard deviation (1 where it is 0). */
  public static Standardizer fit(double[][] x) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < d; j++) {
      scale[j] = scale[j] > 0 ? Math.sqrt(scale[j]) : 1;
    }
    return new Standardizer(mean, scale);
  }

  /** The scaled copy of one row. */
  public double[] transform(double[] row) {
    double[] out = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      out[j] = (row[j] - mean[j]) / scale[j];
    }
    return out;
  }

  /** The scaled copy of every row. */
  public double[][] transform(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = transform(x[i]);
    }
    return out;
  }

  double[] mean() {
    return mean.clone();
  }

  double[] scale() {
    return scale.clone();
  }
}
