package dev.cairn.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DriftCheckTest {
  @Test
  void predictionDriftUsesCramersV() {
    Predictor<Integer, String> parity = x -> x % 2 == 0 ? "even" : "odd";
    DriftResult same = DriftCheck.assertNoPredictionDrift(parity, List.of(1, 2, 3, 4), List.of(5, 6), 0.15);
    assertThat(same.statistic()).isEqualTo(0.0);
    assertThatThrownBy(() -> DriftCheck.assertNoPredictionDrift(parity, List.of(1, 3, 5, 7), List.of(2, 4), 0.15))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Drift of predictions between train and test: Cramér's V 1.0000 exceeds the threshold 0.1500");
  }

  @Test
  void numericPredictionDriftUsesPsiOrKs() {
    Predictor<Double, Double> identity = x -> x;
    List<Double> train = List.of(1.0, 2.0, 3.0, 4.0);
    DriftResult ks = DriftCheck.numericPredictionDrift(identity, train, List.of(3.0, 4.0, 5.0, 6.0), DriftMethod.KS, 0.3);
    assertThat(ks.statistic()).isEqualTo(0.5);
    assertThat(ks.passed()).isFalse();
    DriftResult psi = DriftCheck.numericPredictionDrift(identity, train, train, DriftMethod.PSI, 0.2);
    assertThat(psi.passed()).isTrue();
  }

  @Test
  void featureDriftNamesEveryDriftingFeature() {
    double[][] train = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};
    double[][] test = {{1, 50}, {2, 60}, {3, 70}, {4, 80}};
    assertThat(DriftCheck.featureDrift(train, test, List.of("a", "b"), DriftMethod.KS, 0.5))
        .extracting(DriftResult::passed).containsExactly(true, false);
    assertThatThrownBy(() -> DriftCheck.assertNoFeatureDrift(train, test, List.of("a", "b"), DriftMethod.KS, 0.5))
        .isInstanceOf(AssertionError.class)
        .hasMessage("1 of 2 features drift: Drift of b between train and test: KS statistic 1.0000 exceeds the threshold 0.5000");
  }

  @Test
  void featureDriftChecksTheShape() {
    assertThatThrownBy(() -> DriftCheck.featureDrift(new double[][] {{1}}, new double[][] {{1}}, List.of("a", "b"), DriftMethod.KS, 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Row 0 of the train matrix has 1 columns, expected 2");
  }
}
