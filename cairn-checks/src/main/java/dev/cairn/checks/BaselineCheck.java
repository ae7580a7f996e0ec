package dev.cairn.checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Does the model beat a trivial model? The baselines are the majority class of the training labels
 * (classification, scored by accuracy) and the mean of the training labels (regression, scored by
 * mean absolute error), or any baseline predictor with any scorer.
 */
public final class BaselineCheck {
  private BaselineCheck() {}

  /**
   * Compares the model's test accuracy with that of always predicting the most frequent training
   * label (ties go to the label seen first).
   *
   * @param margin how many accuracy points above the baseline the model must reach
   */
  public static <X, Y> BaselineResult majorityClass(Predictor<X, Y> model, LabeledData<X, Y> train,
      LabeledData<X, Y> test, double margin) {
    Y majority = majority(train.labels());
    return compare(model, input -> majority, "majority-class", test, Scorer.accuracy(), margin);
  }

  /** As {@link #majorityClass}, then {@link CheckResult#assertPassed()}. */
  public static <X, Y> BaselineResult assertBeatsMajorityClass(Predictor<X, Y> model, LabeledData<X, Y> train,
      LabeledData<X, Y> test, double margin) {
    BaselineResult result = majorityClass(model, train, test, margin);
    result.assertPassed();
    return result;
  }

  /**
   * Compares the model's test mean absolute error with that of always predicting the mean training
   * label.
   *
   * @param margin how much lower than the baseline's the model's error must be
   */
  public static <X> BaselineResult meanValue(Predictor<X, ? extends Number> model, LabeledData<X, ? extends Number> train,
      LabeledData<X, ? extends Number> test, double margin) {
    double mean = train.labels().stream().mapToDouble(Number::doubleValue).average().orElseThrow();
    Predictor<X, Number> numeric = model::predict;
    LabeledData<X, Number> numericTest = new LabeledData<>(test.inputs(), List.copyOf(test.labels()));
    return compare(numeric, input -> mean, "mean-value", numericTest, Scorer.meanAbsoluteError(), margin);
  }

  /** As {@link #meanValue}, then {@link CheckResult#assertPassed()}. */
  public static <X> BaselineResult assertBeatsMeanValue(Predictor<X, ? extends Number> model,
      LabeledData<X, ? extends Number> train, LabeledData<X, ? extends Number> test, double margin) {
    BaselineResult result = meanValue(model, train, test, margin);
    result.assertPassed();
    return result;
  }

  /**
   * Compares the model with any baseline predictor on the test data.
   *
   * @param baselineName how messages call the baseline
   * @param margin how much better (in the scorer's units) the model must be
   */
  public static <X, Y> BaselineResult compare(Predictor<X, Y> model, Predictor<X, Y> baseline, String baselineName,
      LabeledData<X, Y> test, Scorer<Y> scorer, double margin) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(baseline, "baseline");
    Numbers.requireFinite("margin", margin);
    double modelScore = scorer.score(test.labels(), model.predictAll(test.inputs()));
    double baselineScore = scorer.score(test.labels(), baseline.predictAll(test.inputs()));
    return new BaselineResult(scorer.name(), scorer.higherIsBetter(), baselineName, modelScore, baselineScore, margin);
  }

  /** Returns the most frequent label; ties go to the label seen first. */
  static <Y> Y majority(List<Y> labels) {
    Map<Y, Integer> counts = new LinkedHashMap<>();
    for (Y label : labels) {
      counts.merge(label, 1, Integer::sum);
    }
    int best = Collections.max(counts.values());
    return counts.entrySet().stream().filter(e -> e.getValue() == best).findFirst().orElseThrow().getKey();
  }
}
