package dev.cairn.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineCheckTest {
  // Inputs are the labels themselves, so an "oracle" model is the identity.
  private final LabeledData<Integer, Integer> train = new LabeledData<>(List.of(5, 5, 5, 6, 6, 7), List.of(5, 5, 5, 6, 6, 7));
  private final LabeledData<Integer, Integer> test = new LabeledData<>(List.of(5, 6, 6, 7), List.of(5, 6, 6, 7));

  @Test
  void oracleBeatsMajorityClass() {
    BaselineResult result = BaselineCheck.assertBeatsMajorityClass(x -> x, train, test, 0.5);
    assertThat(result.modelScore()).isEqualTo(1.0);
    assertThat(result.baselineScore()).isEqualTo(0.25);
    assertThat(result.margin()).isEqualTo(0.75);
    assertThat(result.message())
        .isEqualTo("Model accuracy 1.0000 beats the majority-class baseline 0.2500 by 0.7500 (required margin 0.5000)");
  }

  @Test
  void failureCarriesTheNumbers() {
    Predictor<Integer, Integer> weak = x -> x == 7 ? 7 : 5;
    assertThatThrownBy(() -> BaselineCheck.assertBeatsMajorityClass(weak, train, test, 0.3))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Model accuracy 0.5000 does not beat the majority-class baseline 0.2500 by the required margin 0.3000"
            + " (actual margin 0.2500)");
  }

  @Test
  void majorityTiesGoToTheFirstLabelSeen() {
    assertThat(BaselineCheck.majority(List.of("b", "a", "a", "b"))).isEqualTo("b");
  }

  @Test
  void meanBaselineForRegressionUsesMeanAbsoluteError() {
    LabeledData<Double, Double> tr = new LabeledData<>(List.of(1.0, 2.0, 3.0), List.of(1.0, 2.0, 3.0));
    LabeledData<Double, Double> te = new LabeledData<>(List.of(0.0, 4.0), List.of(0.0, 4.0));
    BaselineResult result = BaselineCheck.meanValue(x -> x + 0.5, tr, te, 1.0);
    assertThat(result.higherIsBetter()).isFalse();
    assertThat(result.modelScore()).isEqualTo(0.5);
    assertThat(result.baselineScore()).isEqualTo(2.0);
    assertThat(result.passed()).isTrue();
    assertThatThrownBy(() -> BaselineCheck.assertBeatsMeanValue(x -> 2.0, tr, te, 0.1))
        .hasMessageContaining("mean absolute error 2.0000 does not beat the mean-value baseline 2.0000");
  }

  @Test
  void labeledDataRejectsMismatchedSizes() {
    assertThatThrownBy(() -> new LabeledData<>(List.of(1), List.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Inputs and labels differ in size: 1 vs 2");
  }
}
