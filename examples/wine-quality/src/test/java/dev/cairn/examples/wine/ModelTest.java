package dev.cairn.examples.wine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.checks.BaselineCheck;
import dev.cairn.checks.BaselineResult;
import dev.cairn.checks.DriftCheck;
import dev.cairn.checks.DriftMethod;
import dev.cairn.checks.DriftResult;
import dev.cairn.checks.GapResult;
import dev.cairn.checks.InferenceTimeCheck;
import dev.cairn.checks.InferenceTimeResult;
import dev.cairn.checks.LabeledData;
import dev.cairn.checks.Predictor;
import dev.cairn.checks.Scorer;
import dev.cairn.checks.TrainTestGapCheck;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Model tests of the trained default model, as the demo's {@code tests/test_model.py}: inference
 * time, prediction drift, a simple-model comparison and train/test performance, plus feature drift.
 */
class ModelTest {
  private static Predictor<double[], Integer> model;
  private static LabeledData<double[], Integer> train;
  private static LabeledData<double[], Integer> test;
  private static Split split;

  @BeforeAll
  static void train() {
    Fixtures.Trained trained = Fixtures.trained();
    model = trained.model()::predict;
    split = trained.split();
    train = labeled(split.train());
    test = labeled(split.test());
  }

  private static LabeledData<double[], Integer> labeled(Dataset data) {
    return new LabeledData<>(Arrays.asList(data.x()), Arrays.stream(data.y()).boxed().toList());
  }

  /**
   * An RBF SVM with about a thousand support vectors predicts in well under a millisecond per sample
   * on an idle core; the limit leaves room for a busy CI machine.
   */
  @Test
  void inferenceTimePerSampleIsBelowFiveMilliseconds() {
    InferenceTimeResult result = InferenceTimeCheck.assertTimePerSampleAtMost(model, test.inputs(), Duration.ofMillis(5));
    report(result.message());
    assertThat(result.samples()).isEqualTo(320);
  }

  @Test
  void predictionsDoNotDriftBetweenTrainAndTest() {
    DriftResult result = DriftCheck.assertNoPredictionDrift(model, train.inputs(), test.inputs(),
        DriftCheck.DEFAULT_CRAMERS_V_THRESHOLD);
    report(result.message());
    assertThat(result.method()).isEqualTo(DriftMethod.CRAMERS_V);
  }

  @Test
  void featuresDoNotDriftBetweenTrainAndTest() {
    List<String> names = split.train().features();
    DriftCheck.assertNoFeatureDrift(split.train().x(), split.test().x(), names, DriftMethod.PSI, DriftCheck.DEFAULT_PSI_THRESHOLD)
        .forEach(r -> report(r.message()));
    DriftCheck.assertNoFeatureDrift(split.train().x(), split.test().x(), names, DriftMethod.KS, DriftCheck.DEFAULT_KS_THRESHOLD)
        .forEach(r -> report(r.message()));
  }

  @Test
  void beatsTheMajorityClassByTenPoints() {
    BaselineResult result = BaselineCheck.assertBeatsMajorityClass(model, train, test, 0.10);
    report(result.message());
    assertThat(result.baselineScore()).isBetween(0.3, 0.5);
  }

  @Test
  void trainTestAccuracyGapIsAtMostFifteenPoints() {
    GapResult result = TrainTestGapCheck.assertGapAtMost(model, train, test, Scorer.accuracy(), 0.15);
    report(result.message());
    assertThat(result.testScore()).isGreaterThan(0.55);
  }

  /** Check results go to the test output (surefire keeps it in target/surefire-reports/*-output.txt). */
  private static void report(String message) {
    System.out.println(message);
  }
}
