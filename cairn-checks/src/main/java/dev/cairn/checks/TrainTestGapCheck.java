package dev.cairn.checks;

import java.util.Objects;

/**
 * Does the model lose too much between train and test? A large gap means overfitting, or a split
 * whose parts do not come from the same distribution.
 */
public final class TrainTestGapCheck {
  private TrainTestGapCheck() {}

  /**
   * Scores the model on both splits.
   *
   * @param maxGap the largest allowed loss from train to test, in the scorer's units
   */
  public static <X, Y> GapResult check(Predictor<X, Y> model, LabeledData<X, Y> train, LabeledData<X, Y> test,
      Scorer<Y> scorer, double maxGap) {
    Objects.requireNonNull(model, "model");
    Numbers.requireFinite("maxGap", maxGap);
    double trainScore = scorer.score(train.labels(), model.predictAll(train.inputs()));
    double testScore = scorer.score(test.labels(), model.predictAll(test.inputs()));
    return new GapResult(scorer.name(), scorer.higherIsBetter(), trainScore, testScore, maxGap);
  }

  /** As {@link #check}, then {@link CheckResult#assertPassed()}. */
  public static <X, Y> GapResult assertGapAtMost(Predictor<X, Y> model, LabeledData<X, Y> train, LabeledData<X, Y> test,
      Scorer<Y> scorer, double maxGap) {
    GapResult result = check(model, train, test, scorer, maxGap);
    result.assertPassed();
    return result;
  }
}
