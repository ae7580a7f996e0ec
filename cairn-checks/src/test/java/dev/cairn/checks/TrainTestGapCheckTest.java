package dev.cairn.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainTestGapCheckTest {
  private final LabeledData<Integer, Integer> train = new LabeledData<>(List.of(1, 2, 3, 4), List.of(1, 2, 3, 4));
  private final LabeledData<Integer, Integer> test = new LabeledData<>(List.of(10, 20), List.of(10, 99));

  @Test
  void measuresTheLossFromTrainToTest() {
    GapResult result = TrainTestGapCheck.check(x -> x, train, test, Scorer.accuracy(), 0.6);
    assertThat(result.trainScore()).isEqualTo(1.0);
    assertThat(result.testScore()).isEqualTo(0.5);
    assertThat(result.gap()).isEqualTo(0.5);
    assertThat(result.relativeDegradation()).isEqualTo(0.5);
    assertThat(result.passed()).isTrue();
  }

  @Test
  void failureCarriesTheNumbers() {
    assertThatThrownBy(() -> TrainTestGapCheck.assertGapAtMost(x -> x, train, test, Scorer.accuracy(), 0.1))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Model accuracy is 1.0000 on train and 0.5000 on test: gap 0.5000 (relative 0.5000) exceeds the allowed 0.1000");
  }

  @Test
  void lowerIsBetterScorersCountAnIncreaseAsLoss() {
    LabeledData<Double, Double> tr = new LabeledData<>(List.of(1.0), List.of(1.0));
    LabeledData<Double, Double> te = new LabeledData<>(List.of(1.0), List.of(3.0));
    GapResult result = TrainTestGapCheck.check(x -> x, tr, te, Scorer.meanAbsoluteError(), 1.0);
    assertThat(result.gap()).isEqualTo(2.0);
    assertThat(result.passed()).isFalse();
  }
}
