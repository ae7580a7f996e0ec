package dev.cairn.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DriftStatisticsTest {
  private static double[] normal(long seed, int n, double mean) {
    Random random = new Random(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = mean + random.nextGaussian();
    }
    return out;
  }

  @Test
  void psiIsZeroForIdenticalSamplesAndLargeForShiftedOnes() {
    double[] a = normal(1, 2000, 0);
    assertThat(DriftStatistics.psi(a, a, 10)).isEqualTo(0.0);
    assertThat(DriftStatistics.psi(a, normal(2, 2000, 0), 10)).isLessThan(0.05);
    assertThat(DriftStatistics.psi(a, normal(3, 2000, 1.0), 10)).isGreaterThan(0.5);
  }

  @Test
  void psiMatchesAHandComputedValue() {
    // Edges from expected {1,2,3,4} with 2 bins: median edge 2 -> bins (-inf,2], (2,inf).
    // expected shares 0.5/0.5, actual {1,3,4,5} shares 0.25/0.75.
    double psi = DriftStatistics.psi(new double[] {1, 2, 3, 4}, new double[] {1, 3, 4, 5}, 2);
    double expected = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5);
    assertThat(psi).isCloseTo(expected, within(1e-12));
  }

  @Test
  void ksIsTheLargestDistanceBetweenDistributionFunctions() {
    assertThat(DriftStatistics.ks(new double[] {1, 2, 3}, new double[] {1, 2, 3})).isEqualTo(0.0);
    assertThat(DriftStatistics.ks(new double[] {1, 2}, new double[] {3, 4})).isEqualTo(1.0);
    assertThat(DriftStatistics.ks(new double[] {1, 2, 3, 4}, new double[] {3, 4, 5, 6})).isEqualTo(0.5);
    assertThat(DriftStatistics.ks(new double[] {1, 1, 2}, new double[] {1, 2, 2})).isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void cramersVMatchesAHandComputedValue() {
    List<String> first = Stream.concat(Collections.nCopies(30, "a").stream(), Collections.nCopies(10, "b").stream()).toList();
    List<String> second = Stream.concat(Collections.nCopies(10, "a").stream(), Collections.nCopies(30, "b").stream()).toList();
    // 2x2 table [[30,10],[10,30]], every expected count 20: chi2 = 4 * 100/20 = 20, V = sqrt(20/80) = 0.5.
    assertThat(DriftStatistics.cramersV(first, second)).isCloseTo(0.5, within(1e-12));
    assertThat(DriftStatistics.cramersV(first, first)).isEqualTo(0.0);
    assertThat(DriftStatistics.cramersV(List.of("a"), List.of("b"))).isCloseTo(1.0, within(1e-12));
    assertThat(DriftStatistics.cramersV(List.of("a"), List.of("a", "a"))).isEqualTo(0.0);
  }

  @Test
  void rejectsEmptyOrNonFiniteSamples() {
    assertThatThrownBy(() -> DriftStatistics.ks(new double[0], new double[] {1}))
        .hasMessage("The first sample is empty");
    assertThatThrownBy(() -> DriftStatistics.psi(new double[] {1, Double.NaN}, new double[] {1}, 10))
        .hasMessage("The expected sample holds a non-finite value: NaN");
  }
}
