package com.example.wine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.checks.BaselineCheck;
import dev.cairn.checks.DriftCheck;
import dev.cairn.checks.DriftMethod;
import dev.cairn.checks.InferenceTimeCheck;
import dev.cairn.checks.LabeledData;
import dev.cairn.checks.Predictor;
import dev.cairn.checks.Scorer;
import dev.cairn.checks.TrainTestGapCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Model tests with cairn-checks: the model that params.yaml defines, trained on the train part as
 * the pipeline's train stage does, must beat a trivial baseline, generalise, predict like it does on train, and be fast.
 * Each check's numbers go to the test output (target/surefire-reports/*-output.txt).
 */
class ModelTest {
  private static Predictor<double[], Integer> model;
  private static Dataset.Split split;
  private static LabeledData<double[], Integer> train;
  private static LabeledData<double[], Integer> test;

  @BeforeAll
  static void trainTheModel() throws Exception {
    Params params = Params.load(Params.FILE);
    split = Dataset.read(Path.of("data/raw/wine.csv")).split(params.testSize(), params.seed());
    WineClassifier trained = WineClassifier.train(split.train(), params.hyperparameters(), loss -> { });
    model = trained::predict;
    train = labeled(split.train());
    test = labeled(split.test());
  }

  private static LabeledData<double[], Integer> labeled(Dataset data) {
    return new LabeledData<>(Arrays.asList(data.x()), Arrays.stream(data.y()).boxed().toList());
  }

  @Test
  void beatsAlwaysPredictingTheMajorityClassByTenPoints() {
    System.out.println(BaselineCheck.assertBeatsMajorityClass(model, train, test, 0.10).message());
  }

  @Test
  void trainAndTestAccuracyAreWithinTenPoints() {
    System.out.println(TrainTestGapCheck.assertGapAtMost(model, train, test, Scorer.accuracy(), 0.10).message());
  }

  @Test
  void predictionsDoNotDriftBetweenTrainAndTest() {
    System.out.println(DriftCheck.assertNoPredictionDrift(model, train.inputs(), test.inputs(),
        DriftCheck.DEFAULT_CRAMERS_V_THRESHOLD).message());
  }

  @Test
  void inferenceTakesLessThanAMillisecondPerSample() {
    var result = InferenceTimeCheck.assertTimePerSampleAtMost(model, test.inputs(), Duration.ofMillis(1));
    System.out.println(result.message());
    assertEquals(test.size(), result.samples());
  }

  @Test
  void theFeaturesOfTrainAndTestComeFromTheSameDistribution() {
    List<String> names = split.train().features();
    DriftCheck.assertNoFeatureDrift(split.train().x(), split.test().x(), names, DriftMethod.PSI,
        DriftCheck.DEFAULT_PSI_THRESHOLD).forEach(r -> System.out.println(r.message()));
  }
}
