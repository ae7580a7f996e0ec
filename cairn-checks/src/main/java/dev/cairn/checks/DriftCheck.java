package dev.cairn.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Do the model's predictions, or its input features, differ between train and test? Drift in the
 * predictions means that something changed in the data that affects the model's output.
 */
public final class DriftCheck {
  /** Default threshold for PSI (0.2: between "some shift" and "large shift"). */
  public static final double DEFAULT_PSI_THRESHOLD = 0.2;
  /** Default threshold for the KS statistic. */
  public static final double DEFAULT_KS_THRESHOLD = 0.15;
  /** Default threshold for Cramér's V (deepchecks' default for categorical drift). */
  public static final double DEFAULT_CRAMERS_V_THRESHOLD = 0.15;
  /** Number of quantile bins used for PSI. */
  public static final int PSI_BINS = 10;

  private DriftCheck() {}

  /**
   * Measures drift of categorical predictions (class labels) with Cramér's V.
   *
   * @param threshold the largest Cramér's V that passes
   */
  public static <X, Y> DriftResult predictionDrift(Predictor<X, Y> model, List<? extends X> train,
      List<? extends X> test, double threshold) {
    Objects.requireNonNull(model, "model");
    return categorical("predictions", model.predictAll(train), model.predictAll(test), threshold);
  }

  /** As {@link #predictionDrift}, then {@link CheckResult#assertPassed()}. */
  public static <X, Y> DriftResult assertNoPredictionDrift(Predictor<X, Y> model, List<? extends X> train,
      List<? extends X> test, double threshold) {
    DriftResult result = predictionDrift(model, train, test, threshold);
    result.assertPassed();
    return result;
  }

  /**
   * Measures drift of numeric predictions (scores, regression outputs) with PSI or KS.
   *
   * @throws IllegalArgumentException if the method is {@link DriftMethod#CRAMERS_V}
   */
  public static <X> DriftResult numericPredictionDrift(Predictor<X, ? extends Number> model, List<? extends X> train,
      List<? extends X> test, DriftMethod method, double threshold) {
    Objects.requireNonNull(model, "model");
    double[] a = model.predictAll(train).stream().mapToDouble(Number::doubleValue).toArray();
    double[] b = model.predictAll(test).stream().mapToDouble(Number::doubleValue).toArray();
    return numeric("predictions", a, b, method, threshold);
  }

  /** Measures drift of one categorical quantity with Cramér's V. */
  public static DriftResult categorical(String subject, List<?> train, List<?> test, double threshold) {
    Numbers.requireFinite("threshold", threshold);
    return new DriftResult(subject, DriftMethod.CRAMERS_V, DriftStatistics.cramersV(train, test), threshold);
  }

  /**
   * Measures drift of one numeric quantity with PSI ({@link #PSI_BINS} bins) or KS.
   *
   * @throws IllegalArgumentException if the method is {@link DriftMethod#CRAMERS_V}
   */
  public static DriftResult numeric(String subject, double[] train, double[] test, DriftMethod method, double threshold) {
    Numbers.requireFinite("threshold", threshold);
    double statistic = switch (method) {
      case PSI -> DriftStatistics.psi(train, test, PSI_BINS);
      case KS -> DriftStatistics.ks(train, test);
      case CRAMERS_V -> throw new IllegalArgumentException("Cramér's V is for categories; use categorical(..)");
    };
    return new DriftResult(subject, method, statistic, threshold);
  }

  /**
   * Measures drift of every feature (column) between two feature matrices.
   *
   * @param names one name per column, used in messages
   * @return one result per feature, in column order
   * @throws IllegalArgumentException if the matrices or names disagree on the number of columns
   */
  public static List<DriftResult> featureDrift(double[][] train, double[][] test, List<String> names,
      DriftMethod method, double threshold) {
    int columns = names.size();
    requireColumns("train", train, columns);
    requireColumns("test", test, columns);
    List<DriftResult> results = new ArrayList<>(columns);
    for (int c = 0; c < columns; c++) {
      results.add(numeric(names.get(c), column(train, c), column(test, c), method, threshold));
    }
    return List.copyOf(results);
  }

  /**
   * As {@link #featureDrift}, then fails with every drifting feature in the message.
   *
   * @throws AssertionError if any feature exceeds the threshold
   */
  public static List<DriftResult> assertNoFeatureDrift(double[][] train, double[][] test, List<String> names,
      DriftMethod method, double threshold) {
    List<DriftResult> results = featureDrift(train, test, names, method, threshold);
    List<DriftResult> failed = results.stream().filter(r -> !r.passed()).toList();
    if (!failed.isEmpty()) {
      throw new AssertionError(failed.size() + " of " + results.size() + " features drift: "
          + failed.stream().map(DriftResult::message).collect(Collectors.joining("; ")));
    }
    return results;
  }

  private static double[] column(double[][] rows, int c) {
    double[] out = new double[rows.length];
    for (int r = 0; r < rows.length; r++) {
      out[r] = rows[r][c];
    }
    return out;
  }

  private static void requireColumns(String name, double[][] rows, int columns) {
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != columns) {
        throw new IllegalArgumentException("Row " + r + " of the " + name + " matrix has " + rows[r].length
            + " columns, expected " + columns);
      }
    }
  }
}
