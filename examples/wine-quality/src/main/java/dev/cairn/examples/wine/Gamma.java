package dev.cairn.examples.wine;

/**
 * The RBF/poly/sigmoid kernel coefficient: a number, or {@code scale} for
 * {@code 1 / (features * variance of the scaled training data)}, as scikit-learn's default.
 *
 * @param scale whether gamma is derived from the data
 * @param value the fixed gamma when not {@code scale}
 */
public record Gamma(boolean scale, double value) {
  /** The data-derived gamma. */
  public static final Gamma SCALE = new Gamma(true, 0);

  /** Validates a fixed value. */
  public Gamma {
    if (!scale && !(value > 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException("gamma must be positive or 'scale', got " + value);
    }
  }

  /** Returns a fixed gamma. */
  public static Gamma of(double value) {
    return new Gamma(false, value);
  }

  /**
   * Reads {@code scale} or a number.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Gamma parse(Object raw) {
    if ("scale".equals(raw)) {
      return SCALE;
    } else if (raw instanceof Number n) {
      return of(n.doubleValue());
    }
    throw new IllegalArgumentException("gamma must be a positive number or 'scale', got '" + raw + "'");
  }

  /** Returns the gamma to use for training data {@code x} (already scaled). */
  public double resolve(double[][] x) {
    if (!scale) {
      return value;
    }
    int features = x[0].length;
    double sum = 0;
    double sumSq = 0;
    long n = 0;
    for (double[] row : x) {
      for (double v : row) {
        sum += v;
        sumSq += v * v;
        n++;
      }
    }
    double mean = sum / n;
    double variance = sumSq / n - mean * mean;
    return variance > 0 ? 1.0 / (features * variance) : 1.0;
  }

  @Override
  public String toString() {
    return scale ? "scale" : Double.toString(value);
  }

  /** Returns the value as {@code params.yaml} writes it: {@code "scale"} or the number. */
  public Object toParam() {
    return scale ? "scale" : value;
  }
}
