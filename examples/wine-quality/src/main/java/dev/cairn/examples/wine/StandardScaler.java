package dev.cairn.examples.wine;

/**
 * Centres each feature on its training mean and divides by its training standard deviation
 * (population form; a constant feature keeps scale 1), as scikit-learn's {@code StandardScaler}.
 *
 * @param mean the per-feature means
 * @param scale the per-feature standard deviations
 */
public record StandardScaler(double[] mean, double[] scale) {
  /** Checks shapes. */
  public StandardScaler {
    if (mean.length != scale.length) {
      throw new IllegalArgumentException("mean and scale differ in length: " + mean.length + " vs " + scale.length);
    }
    mean = mean.clone();
    scale = scale.clone();
  }

  /** Learns the means and standard deviations of {@code x}. */
  public static StandardScaler fit(double[][] x) {
    int d = x[0].length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= x.length;
    }
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        double diff = row[j] - mean[j];
        scale[j] += diff * diff;
      }
    }
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(scale[j] / x.length);
      scale[j] = sd == 0 ? 1 : sd;
    }
    return new StandardScaler(mean, scale);
  }

  /** Returns one scaled row. */
  public double[] transform(double[] row) {
    if (row.length != mean.length) {
      throw new IllegalArgumentException("Expected " + mean.length + " features, got " + row.length);
    }
    double[] out = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      out[j] = (row[j] - mean[j]) / scale[j];
    }
    return out;
  }

  /** Returns every row scaled. */
  public double[][] transform(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = transform(x[i]);
    }
    return out;
  }
}
