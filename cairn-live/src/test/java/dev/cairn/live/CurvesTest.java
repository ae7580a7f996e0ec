package dev.cairn.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CurvesTest {
  // The example of scikit-learn's documentation: y = [0, 0, 1, 1], scores = [0.1, 0.4, 0.35, 0.8].
  private static final boolean[] POSITIVE = {false, false, true, true};
  private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};

  @Test
  void rocMatchesScikitLearn() {
    assertThat(Curves.roc(POSITIVE, SCORES)).containsExactly(
        new RocPoint(0.0, 0.0, 1.8),
        new RocPoint(0.0, 0.5, 0.8),
        new RocPoint(0.5, 0.5, 0.4),
        new RocPoint(0.5, 1.0, 0.35),
        new RocPoint(1.0, 1.0, 0.1));
  }

  @Test
  void rocDropsCollinearPoints() {
    boolean[] positive = {true, true, true, false};
    double[] scores = {0.9, 0.8, 0.7, 0.1};
    assertThat(Curves.roc(positive, scores)).extracting(RocPoint::threshold).containsExactly(1.9, 0.9, 0.7, 0.1);
  }

  @Test
  void precisionRecallMatchesScikitLearn() {
    assertThat(Curves.precisionRecall(POSITIVE, SCORES)).containsExactly(
        new PrecisionRecallPoint(0.5, 1.0, 0.1),
        new PrecisionRecallPoint(2.0 / 3.0, 1.0, 0.35),
        new PrecisionRecallPoint(0.5, 0.5, 0.4),
        new PrecisionRecallPoint(1.0, 0.5, 0.8));
  }

  @Test
  void tiedScoresFormOnePoint() {
    assertThat(Curves.precisionRecall(new boolean[] {true, false}, new double[] {0.5, 0.5}))
        .containsExactly(new PrecisionRecallPoint(0.5, 1.0, 0.5));
  }

  @Test
  void rocNeedsBothClasses() {
    assertThatThrownBy(() -> Curves.roc(new boolean[] {true, true}, new double[] {0.1, 0.2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negatives: 0");
  }

  @Test
  void refusesMismatchedLengths() {
    assertThatThrownBy(() -> Curves.roc(new boolean[] {true}, new double[] {0.1, 0.2}))
        .hasMessage("Labels and scores differ in length: 1 vs 2");
  }
}
