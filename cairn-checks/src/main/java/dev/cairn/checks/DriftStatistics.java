package dev.cairn.checks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Two-sample drift statistics: PSI and Kolmogorov-Smirnov for numbers, Cramér's V for categories. */
public final class DriftStatistics {
  /** Share given to an empty bin in PSI, so that its logarithm stays finite. */
  public static final double PSI_EMPTY_BIN_SHARE = 1e-4;

  private DriftStatistics() {}

  /**
   * Returns the population stability index of {@code actual} against {@code expected}:
   * {@code sum((a - e) * ln(a / e))} over bins, where the bin edges are the quantiles of
   * {@code expected} (repeated edges merged, so a feature with few distinct values gets fewer bins)
   * and {@code a}, {@code e} are the shares of each sample per bin. Rule of thumb: below 0.1 stable,
   * 0.1 to 0.25 some shift, above 0.25 a large shift.
   *
   * @param bins the number of quantile bins, at least 2
   * @throws IllegalArgumentException if a sample is empty or holds a non-finite value
   */
  public static double psi(double[] expected, double[] actual, int bins) {
    requireSample("expected", expected);
    requireSample("actual", actual);
    if (bins < 2) {
      throw new IllegalArgumentException("PSI needs at least 2 bins, got " + bins);
    }
    double[] sorted = expected.clone();
    Arrays.sort(sorted);
    double[] edges = Arrays.stream(quantileEdges(sorted, bins)).distinct().toArray();
    double[] e = shares(expected, edges);
    double[] a = shares(actual, edges);
    double psi = 0;
    for (int i = 0; i < e.length; i++) {
      psi += (a[i] - e[i]) * Math.log(a[i] / e[i]);
    }
    return psi;
  }

  /**
   * Returns the two-sample Kolmogorov-Smirnov statistic: the largest distance between the two
   * empirical distribution functions, between 0 (same) and 1 (disjoint).
   *
   * @throws IllegalArgumentException if a sample is empty or holds a non-finite value
   */
  public static double ks(double[] first, double[] second) {
    requireSample("first", first);
    requireSample("second", second);
    double[] a = first.clone();
    double[] b = second.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < a.length && j < b.length) {
      double x = Math.min(a[i], b[j]);
      while (i < a.length && a[i] == x) {
        i++;
      }
      while (j < b.length && b[j] == x) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
    }
    return d;
  }

  /**
   * Returns Cramér's V between category and sample membership: {@code sqrt(chi2 / n)} for the
   * categories × {first, second} contingency table, between 0 (same distribution) and 1 (no category
   * shared). It is 0 when only one category occurs.
   *
   * @throws IllegalArgumentException if a sample is empty
   */
  public static double cramersV(List<?> first, List<?> second) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    if (first.isEmpty() || second.isEmpty()) {
      throw new IllegalArgumentException("Cramér's V needs two non-empty samples (sizes " + first.size() + " and " + second.size() + ")");
    }
    Map<Object, long[]> table = new LinkedHashMap<>();
    first.forEach(v -> table.computeIfAbsent(v, k -> new long[2])[0]++);
    second.forEach(v -> table.computeIfAbsent(v, k -> new long[2])[1]++);
    if (table.size() < 2) {
      return 0;
    }
    double n = first.size() + second.size();
    double[] columnTotals = {first.size(), second.size()};
    double chi2 = 0;
    for (long[] row : table.values()) {
      double rowTotal = row[0] + row[1];
      for (int c = 0; c < 2; c++) {
        double expected = rowTotal * columnTotals[c] / n;
        chi2 += (row[c] - expected) * (row[c] - expected) / expected;
      }
    }
    return Math.sqrt(chi2 / n);
  }

  private static double[] quantileEdges(double[] sorted, int bins) {
    double[] edges = new double[bins - 1];
    for (int k = 1; k < bins; k++) {
      edges[k - 1] = sorted[(int) Math.floor((double) k * (sorted.length - 1) / bins)];
    }
    return edges;
  }

  /** Shares per bin: bin i holds values in (edges[i-1], edges[i]]; the last bin is open above. */
  private static double[] shares(double[] values, double[] edges) {
    double[] counts = new double[edges.length + 1];
    for (double v : values) {
      int pos = Arrays.binarySearch(edges, v);
      counts[pos >= 0 ? pos : -pos - 1]++;
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] = Math.max(counts[i] / values.length, PSI_EMPTY_BIN_SHARE);
    }
    return counts;
  }

  private static void requireSample(String name, double[] sample) {
    Objects.requireNonNull(sample, name);
    if (sample.length == 0) {
      throw new IllegalArgumentException("The " + name + " sample is empty");
    }
    for (double v : sample) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("The " + name + " sample holds a non-finite value: " + v);
      }
    }
  }
}
